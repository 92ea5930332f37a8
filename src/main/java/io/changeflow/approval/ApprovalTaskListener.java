package io.changeflow.approval;

import java.time.Clock;
import java.util.Objects;

import io.changeflow.approval.Approval.Decision;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Enforces the approval rules inside the engine, so Tasklist, /engine-rest and any later API are refused alike:
 * the decider is authenticated, holds the slot's group, is not the requester, and fills only one slot per round.
 * A rejection or a request for changes ends the stage at once; the last approval completes it.
 */
@Component
class ApprovalTaskListener implements TaskListener {

	static final String SLOT = "slot";

	static final String DECISION = "decision";

	static final String COMMENT = "decisionComment";

	private final ApprovalRound round;

	private final Clock clock;

	ApprovalTaskListener(ApprovalRound round, Clock clock) {
		this.round = round;
		this.clock = clock;
	}

	@Override
	public void notify(DelegateTask task) {
		switch (task.getEventName()) {
			case EVENTNAME_CREATE -> task.setName(task.getName() + " (" + SlotLabels.of(slot(task)) + ")");
			case EVENTNAME_COMPLETE -> decide(task);
			default -> {
			}
		}
	}

	private void decide(DelegateTask task) {
		var stage = ApprovalStage.ofTask(task.getTaskDefinitionKey());
		String slot = slot(task);
		Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (actor == null || actor.getUserId() == null) {
			throw new ApprovalRefusedException("An approval must be made by an authenticated user");
		}
		String user = actor.getUserId();
		Decision decision = Decision.parse(task.getVariable(DECISION));
		String comment = Objects.toString(task.getVariable(COMMENT), "").strip();
		if (decision != Decision.APPROVE && comment.isEmpty()) {
			throw new ApprovalRefusedException("A comment is required to " + decision.value.replace('-', ' '));
		}
		if (user.equals(task.getVariable("requester"))) {
			throw new ApprovalRefusedException(
					user + " requested this change and cannot decide on it (separation of duties)");
		}
		if (actor.getGroupIds() == null || !actor.getGroupIds().contains(slot)) {
			throw new ApprovalRefusedException(
					user + " is not a member of " + slot + " and cannot fill the " + SlotLabels.of(slot) + " slot");
		}
		var previous = round.read(task).stream().filter(approval -> approval.user().equals(user)).findFirst();
		if (previous.isPresent()) {
			throw new ApprovalRefusedException(user + " already decided on this change in this round ("
					+ SlotLabels.of(previous.get().slot()) + "); each slot needs a different person");
		}

		round.add(task, new Approval(stage, slot, user, decision, comment, clock.instant()));
		switch (decision) {
			case REJECT -> task.setVariable(stage.outcomeVariable, ApprovalStage.REJECTED);
			case REQUEST_CHANGES -> {
				task.setVariable(stage.outcomeVariable, ApprovalStage.CHANGES_REQUESTED);
				task.setVariable("reviewFeedback", user + " (" + SlotLabels.of(slot) + "): " + comment);
			}
			case APPROVE -> {
				long approved = round.read(task)
					.stream()
					.filter(approval -> approval.stage() == stage && approval.decision() == Decision.APPROVE)
					.count();
				if (approved == ((Number) task.getVariable("nrOfInstances")).longValue()) {
					task.setVariable(stage.outcomeVariable, ApprovalStage.APPROVED);
				}
			}
		}
		// the next slot's form must not arrive pre-filled with this decision
		task.removeVariable(DECISION);
		task.removeVariable(COMMENT);
	}

	private static String slot(DelegateTask task) {
		return (String) task.getVariable(SLOT);
	}

}
