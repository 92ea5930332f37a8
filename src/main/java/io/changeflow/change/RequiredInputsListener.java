package io.changeflow.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The inputs a person must give to complete an implementation-phase task, checked by the engine on completion so a
 * raw REST call cannot skip them (the forms mark the same fields required).
 */
@Component
class RequiredInputsListener implements TaskListener {

	/** task → variable → allowed values (empty: any non-blank text). */
	static final Map<String, Map<String, List<String>>> REQUIRED = Map.of(
			"ImplementChange", Map.of("implementationNotes", List.of()),
			"VerifyChange", Map.of("verificationResult", List.of("success", "failed"), "verificationNotes", List.of()),
			"RollBackChange", Map.of("rollbackNotes", List.of(), "postMortem", List.of()));

	@Override
	public void notify(DelegateTask task) {
		var problems = new ArrayList<String>();
		REQUIRED.getOrDefault(task.getTaskDefinitionKey(), Map.of()).forEach((variable, allowed) -> {
			Object value = task.getVariable(variable);
			if (value == null || value.toString().isBlank()) {
				problems.add(variable + " is required");
			}
			else if (!allowed.isEmpty() && !allowed.contains(value.toString())) {
				problems.add(variable + " '" + value + "' is not one of " + String.join(", ", allowed));
			}
		});
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(
					"Cannot complete '" + task.getName() + "': " + String.join("; ", problems));
		}
	}

}
