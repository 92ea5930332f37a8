package io.changeflow.approval;

import java.util.Arrays;

/** The two approval stages of a normal change, each a multi-instance user task with one task per slot. */
enum ApprovalStage {

	REVIEW("ReviewChange", "reviewSlots", "reviewOutcome"),
	CAB("ApproveChangeInCab", "cabSlots", "cabOutcome");

	static final String PENDING = "pending";
	static final String APPROVED = "approved";
	static final String REJECTED = "rejected";
	static final String CHANGES_REQUESTED = "changes-requested";

	final String taskKey;

	final String slotsVariable;

	final String outcomeVariable;

	ApprovalStage(String taskKey, String slotsVariable, String outcomeVariable) {
		this.taskKey = taskKey;
		this.slotsVariable = slotsVariable;
		this.outcomeVariable = outcomeVariable;
	}

	static ApprovalStage ofTask(String taskDefinitionKey) {
		return Arrays.stream(values())
			.filter(stage -> stage.taskKey.equals(taskDefinitionKey))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The approval listener is attached to task '" + taskDefinitionKey + "', which is no approval stage"));
	}

}
