package io.changeflow.change;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The inputs that complete an implementation-phase step, checked by the engine on completion so that neither a raw
 * REST call nor a pipeline can skip them: on the human tasks (the forms mark the same fields required) and on the
 * pipeline's external tasks, where a refused result fails the worker's complete call and the task stays open.
 */
@Component
class RequiredInputsListener implements TaskListener, ExecutionListener {

	/** activity → variable → what it must hold. */
	static final Map<String, Map<String, Input>> REQUIRED = Map.of(
			"ImplementChange", Map.of("implementationNotes", Input.TEXT),
			"VerifyChange", Map.of("verificationResult", Input.RESULT, "verificationNotes", Input.TEXT),
			"RollBackChange", Map.of("rollbackNotes", Input.TEXT, "postMortem", Input.TEXT),
			"PipelineImplementsChange", Map.of("implementationResult", Input.RESULT, "pipelineRunUrl", Input.LINK),
			"PipelineVerifiesChange", Map.of("verificationResult", Input.RESULT, "verificationEvidence", Input.TEXT,
					"pipelineRunUrl", Input.LINK));

	/** What a step's variable must hold. */
	enum Input {

		/** Non-blank text that fits a String variable. */
		TEXT,
		/** "success" or "failed". */
		RESULT,
		/** Optional: a link to the pipeline run, http or https. */
		LINK;

		static final List<String> RESULTS = List.of("success", "failed");

		// the engine keeps a String variable in a 4000-character column
		static final int TEXT_LENGTH = 4000;

		static final int LINK_LENGTH = 2000;

		/** @return what is wrong with {@code value} given as {@code name}; null when nothing is */
		String problem(String name, Object value) {
			boolean blank = value == null || value.toString().isBlank();
			if (blank) {
				return (this == LINK) ? null : name + " is required";
			}
			String text = value.toString();
			return switch (this) {
				case TEXT -> (text.length() > TEXT_LENGTH) ? name + " is longer than " + TEXT_LENGTH + " characters"
						: null;
				case RESULT -> RESULTS.contains(text) ? null
						: name + " '" + text + "' is not one of " + String.join(", ", RESULTS);
				case LINK -> linkProblem(name, text);
			};
		}

		private static String linkProblem(String name, String text) {
			if (text.length() > LINK_LENGTH) {
				return name + " is longer than " + LINK_LENGTH + " characters";
			}
			try {
				URI uri = new URI(text);
				if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
						&& uri.getHost() != null) {
					return null;
				}
			}
			catch (URISyntaxException ex) {
				// reported below like any other link that is not http(s)
			}
			return name + " '" + text + "' is not an http or https URL";
		}

	}

	@Override
	public void notify(DelegateTask task) {
		check(task.getTaskDefinitionKey(), task.getName(), task::getVariable);
	}

	@Override
	public void notify(DelegateExecution step) {
		if (EVENTNAME_START.equals(step.getEventName())) {
			// a step's result counts only if this step reported it, not an earlier run (staging before the target)
			REQUIRED.getOrDefault(step.getCurrentActivityId(), Map.of()).keySet().forEach(step::removeVariable);
		}
		else {
			check(step.getCurrentActivityId(), step.getCurrentActivityName(), step::getVariable);
		}
	}

	private static void check(String activity, String name, Function<String, Object> variables) {
		var problems = new ArrayList<String>();
		REQUIRED.getOrDefault(activity, Map.of()).forEach((variable, input) -> {
			String problem = input.problem(variable, variables.apply(variable));
			if (problem != null) {
				problems.add(problem);
			}
		});
		if (!problems.isEmpty()) {
			// a bad user request: the engine's REST API answers 400 to a worker's refused complete
			throw new BadUserRequestException("Cannot complete '" + name + "': " + String.join("; ", problems));
		}
	}

}
