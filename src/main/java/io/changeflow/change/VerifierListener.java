package io.changeflow.change;

import java.util.Objects;

import io.changeflow.security.SeparationOfDuties;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Separation of duties around implementation: records who implemented a change (on completing "Implement change"
 * or "Run runtime migration") and keeps the requester, and the implementer unless
 * {@code changeflow.security.separate-implementer-and-verifier} is false, from being assigned or completing its
 * verification. Pipelines are not people: their automated steps are checked by {@link RequiredInputsListener}.
 */
@Component
class VerifierListener implements TaskListener {

	static final String IMPLEMENTER = "implementer";

	private final SeparationOfDuties duties;

	VerifierListener(SeparationOfDuties duties) {
		this.duties = duties;
	}

	@Override
	public void notify(DelegateTask task) {
		boolean verification = task.getTaskDefinitionKey().startsWith("Verify");
		switch (task.getEventName()) {
			case EVENTNAME_COMPLETE -> {
				if (verification) {
					check(task, actor(task), "complete " + task.getTaskDefinitionKey());
				}
				else {
					task.setVariable(IMPLEMENTER, actor(task));
				}
			}
			case EVENTNAME_ASSIGNMENT -> {
				if (verification && task.getAssignee() != null) {
					check(task, task.getAssignee(), "assign " + task.getTaskDefinitionKey() + " to " + task.getAssignee());
				}
			}
			default -> {
			}
		}
	}

	private void check(DelegateTask task, String user, String action) {
		String changeId = ChangeFacts.changeId(task);
		if (user == null) {
			throw duties.refuse(changeId, null, action,
					"an anonymous call cannot verify " + changeId);
		}
		if (user.equals(task.getVariable(ChangeVariables.REQUESTER))) {
			throw duties.refuse(changeId, actor(task), action,
					user + " requested " + changeId + " and cannot verify it");
		}
		if (duties.separatesImplementerAndVerifier() && Objects.equals(user, task.getVariable(IMPLEMENTER))) {
			throw duties.refuse(changeId, actor(task), action,
					user + " implemented " + changeId + " and cannot verify it");
		}
	}

	private static String actor(DelegateTask task) {
		Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return (authentication != null) ? authentication.getUserId() : null;
	}

}
