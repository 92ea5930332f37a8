package io.changeflow.policy;

import java.util.Objects;

/** Deployment windows of POL-CM-001 §8.1; their hours are configured in {@link DeploymentWindows}. */
public enum DeploymentWindow {

	LOW_TRAFFIC("Low-traffic window"), BUSINESS_HOURS("Business-hours window"), ANY_TIME("Any time (24/7)");

	final String title;

	DeploymentWindow(String title) {
		this.title = title;
	}

	boolean isAnyTime() {
		return this == ANY_TIME;
	}

	/**
	 * Significant changes and high or critical risk take the low-traffic window and win over monitoring-heavy: the
	 * stricter rule applies. A required maintenance window is the low-traffic window.
	 */
	public static DeploymentWindow forChange(ChangeType type, RiskLevel risk, boolean monitoringHeavy,
			boolean maintenanceWindowRequired) {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(risk, "risk");
		if (type.significant || risk == RiskLevel.HIGH || risk == RiskLevel.CRITICAL) {
			return LOW_TRAFFIC;
		}
		if (monitoringHeavy) {
			return BUSINESS_HOURS;
		}
		if (maintenanceWindowRequired) {
			return LOW_TRAFFIC;
		}
		return ANY_TIME;
	}

}
