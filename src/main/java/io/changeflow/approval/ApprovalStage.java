package io.changeflow.approval;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import io.changeflow.approval.Approval.Decision;

/**
 * The approval stages, each a multi-instance user task with one task per slot: the review and CAB of a normal change,
 * and the emergency CAB that records after the fact the approvals given verbally during an emergency (002 §4.3).
 */
enum ApprovalStage {

	REVIEW("ReviewChange", "reviewSlots", "reviewOutcome", EnumSet.allOf(Decision.class), false),
	CAB("ApproveChangeInCab", "cabSlots", "cabOutcome", EnumSet.allOf(Decision.class), false),
	// the change is already deployed: asking for changes to it makes no sense, a rejection forces a follow-up change
	EMERGENCY("RecordEmergencyApproval", "emergencyApprovalSlots", "emergencyApprovalOutcome",
			EnumSet.of(Decision.APPROVE, Decision.REJECT), true);

	static final String PENDING = "pending";
	static final String APPROVED = "approved";
	static final String REJECTED = "rejected";
	static final String CHANGES_REQUESTED = "changes-requested";

	final String taskKey;

	final String slotsVariable;

	final String outcomeVariable;

	final Set<Decision> decisions;

	/** The decision was given verbally before it is recorded; the recorder states when. */
	final boolean afterTheFact;

	ApprovalStage(String taskKey, String slotsVariable, String outcomeVariable, Set<Decision> decisions,
			boolean afterTheFact) {
		this.taskKey = taskKey;
		this.slotsVariable = slotsVariable;
		this.outcomeVariable = outcomeVariable;
		this.decisions = decisions;
		this.afterTheFact = afterTheFact;
	}

	static ApprovalStage ofTask(String taskDefinitionKey) {
		return Arrays.stream(values())
			.filter(stage -> stage.taskKey.equals(taskDefinitionKey))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The approval listener is attached to task '" + taskDefinitionKey + "', which is no approval stage"));
	}

}
