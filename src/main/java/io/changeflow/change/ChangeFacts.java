package io.changeflow.change;

import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.RiskLevel;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the facts that policy decisions need from a normal change's variables. */
final class ChangeFacts {

	/** A normal change references no incident, so only freezes that block normal changes concern it. */
	static final ChangeContext NORMAL = ChangeContext.of("normal");

	private ChangeFacts() {
	}

	static DeploymentWindow window(VariableScope change) {
		return DeploymentWindow.forChange(RiskLevel.parse((String) change.getVariable("riskLevel")),
				Boolean.TRUE.equals(change.getVariable("monitoringHeavy")),
				Boolean.TRUE.equals(change.getVariable("maintenanceWindowRequired")));
	}

}
