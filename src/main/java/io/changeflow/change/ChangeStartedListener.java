package io.changeflow.change;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Start listener of every change process, whichever start event fired (form, message, API): names the change
 * ({@code changeId}, also its business key) and its category before any step runs, so reminders, bookings and
 * events of other modules can refer to it, and enters it in the registry. Called processes (implementation, closure)
 * inherit both from their caller.
 */
@Component
class ChangeStartedListener implements ExecutionListener {

	/** Process key → the category policy decisions use (002 §3.1). */
	static final Map<String, String> CATEGORIES = Map.of("change-standard", "standard", "change-normal", "normal",
			"change-emergency", "emergency", "change-runtime-upgrade", "runtime-upgrade");

	private final ChangeIds ids;

	private final ChangeLifecycle lifecycle;

	ChangeStartedListener(ChangeIds ids, ChangeLifecycle lifecycle) {
		this.ids = ids;
		this.lifecycle = lifecycle;
	}

	@Override
	public void notify(DelegateExecution execution) {
		String key = execution.getProcessDefinitionId().split(":")[0];
		String category = CATEGORIES.get(key);
		if (category == null) {
			throw new IllegalStateException("Process '" + key + "' is no change process; known: " + CATEGORIES.keySet());
		}
		// given: the API numbered it, or a converted change keeps its number; otherwise a new one
		Object given = execution.getVariable(ChangeFacts.CHANGE_ID);
		String changeId = (given != null) ? given.toString()
				: (execution.getProcessBusinessKey() != null) ? execution.getProcessBusinessKey() : ids.next();
		execution.setVariable(ChangeFacts.CHANGE_ID, changeId);
		execution.setVariable(ChangeFacts.CATEGORY, category);
		execution.setProcessBusinessKey(changeId);
		lifecycle.started(changeId, category, execution.getProcessInstanceId(), request(execution));
	}

	/** What the request says about itself now; a revision may change it. */
	static ChangeRegistry.Request request(VariableScope change) {
		Object incidents = (change.getVariable("relatedIncident") != null) ? change.getVariable("relatedIncident")
				: change.getVariable("incident");
		// the approvals bind to this artifact: the commit of a code change, the WASM blob of a runtime upgrade
		Object artifact = (change.getVariable("commitSha") != null) ? change.getVariable("commitSha")
				: change.getVariable("wasmHash");
		Object implementation = change.getVariable("implementation");
		return new ChangeRegistry.Request(string(change.getVariable("requester")), string(change.getVariable("title")),
				string(change.getVariable("service")), string(change.getVariable("environment")), string(incidents),
				string(artifact), (implementation != null) ? implementation.toString() : "manual");
	}

	private static String string(Object value) {
		return (value == null || value.toString().isBlank()) ? null : value.toString().strip();
	}

}
