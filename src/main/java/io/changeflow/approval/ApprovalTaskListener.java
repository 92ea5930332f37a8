package io.changeflow.approval;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.changeflow.approval.Approval.Decision;
import io.changeflow.security.SeparationOfDuties;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Enforces the approval rules inside the engine, so Tasklist, /engine-rest and any later API are refused alike:
 * the decider is authenticated, holds the slot's group, is not the requester, and fills only one slot per round.
 * The same separation of duties applies when a slot's task is claimed, assigned, delegated or resolved to someone.
 * A rejection or a request for changes ends the stage at once; the last approval completes it.
 */
@Component
class ApprovalTaskListener implements TaskListener {

	static final String SLOT = "slot";

	static final String DECISION = "decision";

	static final String COMMENT = "decisionComment";

	static final String VERBAL_APPROVAL_AT = "verbalApprovalAt";

	private final ApprovalRound round;

	private final Clock clock;

	private final SeparationOfDuties duties;

	ApprovalTaskListener(ApprovalRound round, Clock clock, SeparationOfDuties duties) {
		this.round = round;
		this.clock = clock;
		this.duties = duties;
	}

	@Override
	public void notify(DelegateTask task) {
		switch (task.getEventName()) {
			case EVENTNAME_CREATE -> task.setName(task.getName() + " (" + SlotLabels.of(slot(task)) + ")");
			case EVENTNAME_ASSIGNMENT -> assigned(task);
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
		if (!stage.decisions.contains(decision)) {
			throw new ApprovalRefusedException("Decision '" + decision.value + "' is not possible here; "
					+ task.getName() + " takes "
					+ stage.decisions.stream().map(allowed -> allowed.value).collect(Collectors.joining(" or ")));
		}
		Instant verbalApprovalAt = stage.afterTheFact ? verbalApprovalAt(task) : null;
		String comment = Objects.toString(task.getVariable(COMMENT), "").strip();
		if (decision != Decision.APPROVE && comment.isEmpty()) {
			throw new ApprovalRefusedException("A comment is required to " + decision.value.replace('-', ' '));
		}
		checkDuties(task, user, user, actor.getGroupIds(), "decide");

		round.add(task, new Approval(stage, slot, user, decision, comment, clock.instant(), verbalApprovalAt));
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
		task.removeVariable(VERBAL_APPROVAL_AT);
	}

	// claim, set-assignee, delegate and resolve all end in an assignee: whoever holds the slot must be able to fill it
	private void assigned(DelegateTask task) {
		String assignee = task.getAssignee();
		if (assignee == null) {
			return;
		}
		var services = task.getProcessEngineServices();
		Authentication actor = services.getIdentityService().getCurrentAuthentication();
		List<String> groups = services.getIdentityService().createGroupQuery().groupMember(assignee).list().stream()
			.map(Group::getId)
			.toList();
		String actorId = (actor != null) ? actor.getUserId() : null;
		checkDuties(task, actorId, assignee, groups, "be assigned");
		boolean holdsAnotherSlot = services.getTaskService()
			.createTaskQuery()
			.processInstanceId(task.getProcessInstanceId())
			.taskDefinitionKey(task.getTaskDefinitionKey())
			.taskAssignee(assignee)
			.list()
			.stream()
			.anyMatch(other -> !other.getId().equals(task.getId()));
		if (holdsAnotherSlot) {
			throw duties.refuse(changeId(task), actorId, "assign " + task.getTaskDefinitionKey() + " to " + assignee,
					assignee + " already holds another slot of this change; each slot needs a different person");
		}
	}

	/**
	 * @param user who would decide: the completer, or the new assignee
	 * @param verb "decide" or "be assigned"
	 */
	private void checkDuties(DelegateTask task, String actor, String user, Collection<String> groups, String verb) {
		String slot = slot(task);
		String action = verb.equals("decide") ? "decide " + task.getTaskDefinitionKey()
				: "assign " + task.getTaskDefinitionKey() + " to " + user;
		if (user.equals(task.getVariable("requester"))) {
			throw duties.refuse(changeId(task), actor, action, user + " requested this change and cannot "
					+ (verb.equals("decide") ? "decide on it" : "be assigned its approval"));
		}
		if (groups == null || !groups.contains(slot)) {
			throw duties.refuse(changeId(task), actor, action, user + " is not a member of " + slot
					+ " and cannot fill the " + SlotLabels.of(slot) + " slot");
		}
		var previous = round.read(task).stream().filter(approval -> approval.user().equals(user)).findFirst();
		if (previous.isPresent()) {
			throw duties.refuse(changeId(task), actor, action, user + " already decided on this change in this round ("
					+ SlotLabels.of(previous.get().slot()) + "); each slot needs a different person");
		}
	}

	private static String changeId(DelegateTask task) {
		return (String) task.getVariable("changeId");
	}

	// 002 §4.3 "verbal approval acceptable, documented immediately after": when it was given, never later than now
	private Instant verbalApprovalAt(DelegateTask task) {
		Object value = task.getVariable(VERBAL_APPROVAL_AT);
		if (value == null || value.toString().isBlank()) {
			throw new ApprovalRefusedException(
					"State when the approval was given (" + VERBAL_APPROVAL_AT + "): it is recorded after the fact");
		}
		Instant at;
		try {
			// a Date from API clients, ISO-8601 with offset from the form ("utc_normalized")
			at = (value instanceof Date date) ? date.toInstant() : OffsetDateTime.parse(value.toString().strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ApprovalRefusedException(VERBAL_APPROVAL_AT + " '" + value
					+ "' is not an ISO-8601 timestamp with offset, e.g. 2026-11-21T08:30:00Z");
		}
		if (at.isAfter(clock.instant())) {
			throw new ApprovalRefusedException(VERBAL_APPROVAL_AT + " " + at + " is in the future (now "
					+ clock.instant() + "); record an approval once it was given");
		}
		return at;
	}

	private static String slot(DelegateTask task) {
		return (String) task.getVariable(SLOT);
	}

}
