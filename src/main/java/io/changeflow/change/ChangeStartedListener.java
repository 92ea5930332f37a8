package io.changeflow.change;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of every change process, whichever start event fired (form, message, API): names the change
 * ({@code changeId}) and its category before any step runs, so reminders, bookings and events of other modules can
 * refer to it. Called processes (implementation, closure) inherit both from their caller.
 */
@Component
class ChangeStartedListener implements ExecutionListener {

	/** Process key → the category policy decisions use (002 §3.1). */
	static final Map<String, String> CATEGORIES = Map.of("change-standard", "standard", "change-normal", "normal",
			"change-emergency", "emergency", "change-runtime-upgrade", "runtime-upgrade");

	@Override
	public void notify(DelegateExecution execution) {
		String key = execution.getProcessDefinitionId().split(":")[0];
		String category = CATEGORIES.get(key);
		if (category == null) {
			throw new IllegalStateException("Process '" + key + "' is no change process; known: " + CATEGORIES.keySet());
		}
		execution.setVariable(ChangeFacts.CHANGE_ID, ChangeFacts.changeId(execution));
		execution.setVariable(ChangeFacts.CATEGORY, category);
	}

}
