package io.changeflow.approval;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Determine emergency approvals": turns the emergency approval policy into slots and starts the round. */
@Component
class DetermineEmergencyApprovalsDelegate implements JavaDelegate {

	private final EmergencyApprovalPolicy policy;

	private final ApprovalRound round;

	DetermineEmergencyApprovalsDelegate(EmergencyApprovalPolicy policy, ApprovalRound round) {
		this.policy = policy;
		this.round = round;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var required = policy.required((String) execution.getVariable("emergencyKind"),
				Boolean.TRUE.equals(execution.getVariable("securityChange")));
		execution.setVariable(ApprovalStage.EMERGENCY.slotsVariable, ApprovalSlots.join(required.slots()));
		execution.setVariable("emergencyApprovalRules", String.join("\n", required.rules()));
		round.start(execution, ApprovalStage.EMERGENCY);
	}

}
