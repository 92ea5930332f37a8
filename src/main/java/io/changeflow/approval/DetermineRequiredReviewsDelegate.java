package io.changeflow.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Determine required reviews": turns the approval policy into approval slots and starts a fresh round. */
@Component
class DetermineRequiredReviewsDelegate implements JavaDelegate {

	private final ApprovalPolicy policy;

	private final ApprovalRound round;

	DetermineRequiredReviewsDelegate(ApprovalPolicy policy, ApprovalRound round) {
		this.policy = policy;
		this.round = round;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var reviews = policy.requiredReviews((String) execution.getVariable("changeType"),
				(String) execution.getVariable("riskLevel"), CodeOwners.paths(execution.getVariable("affectedPaths")));
		execution.setVariable(ApprovalStage.REVIEW.slotsVariable, ApprovalSlots.join(reviews.slots()));
		execution.setVariable(ApprovalStage.CAB.slotsVariable, ApprovalSlots.join(ApprovalPolicy.CAB_SEATS));
		execution.setVariable("approvalPolicyRules", String.join("\n", reviews.rules()));
		round.start(execution, ApprovalStage.REVIEW, ApprovalStage.CAB);
	}

}
