package io.changeflow.emergency;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completing "Document actions" appends the form's entry to the action log as the person completing it; only the
 * last round, when the work is finished, may come without an entry.
 */
@Component
class DocumentActionsListener implements TaskListener {

	static final String ENTRY = "actionEntry";

	static final String FINISHED = "workFinished";

	private final ActionLog log;

	DocumentActionsListener(ActionLog log) {
		this.log = log;
	}

	@Override
	public void notify(DelegateTask task) {
		var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (authentication == null || authentication.getUserId() == null) {
			throw refused(task, "actions must be documented by an authenticated user");
		}
		boolean finished = Boolean.TRUE.equals(task.getVariable(FINISHED));
		Object entry = task.getVariable(ENTRY);
		EmergencyRun emergency = log.find((String) task.getVariable("changeId"))
			.orElseThrow(() -> new IllegalStateException("No emergency change " + task.getVariable("changeId")));
		if (entry == null || entry.toString().isBlank()) {
			if (!finished) {
				throw refused(task, ENTRY + " is required unless the work is finished");
			}
			log.refresh(emergency);
		}
		else {
			try {
				log.append(emergency, authentication.getUserId(), entry.toString());
			}
			catch (InvalidActionEntryException ex) {
				throw refused(task, ex.getMessage());
			}
		}
		task.setVariable(FINISHED, finished);
		// the next round's form starts empty
		task.removeVariable(ENTRY);
	}

	private static EmergencyRefusedException refused(DelegateTask task, String problem) {
		return new EmergencyRefusedException("Cannot complete '" + task.getName() + "'", List.of(problem));
	}

}
