package io.changeflow.policy;

import java.time.LocalTime;
import java.util.Objects;

/** Deployment windows of POL-CM-001 §8; all times are UTC. */
public enum DeploymentWindow {

	LOW_TRAFFIC("Low-traffic window 02:00–06:00 UTC", LocalTime.of(2, 0), LocalTime.of(6, 0)),
	BUSINESS_HOURS("Business-hours window 14:00–18:00 UTC", LocalTime.of(14, 0), LocalTime.of(18, 0)),
	ANY_TIME("Any time (24/7)", null, null);

	private final String label;

	// null for ANY_TIME: it has no daily bounds
	private final LocalTime opens;

	private final LocalTime closes;

	DeploymentWindow(String label, LocalTime opens, LocalTime closes) {
		this.label = label;
		this.opens = opens;
		this.closes = closes;
	}

	public String label() {
		return this.label;
	}

	LocalTime opens() {
		return this.opens;
	}

	LocalTime closes() {
		return this.closes;
	}

	boolean isAnyTime() {
		return this.opens == null;
	}

	/**
	 * High and critical risk win over monitoring-heavy: the stricter rule applies. A
	 * required maintenance window is the low-traffic window.
	 */
	public static DeploymentWindow forChange(RiskLevel risk, boolean monitoringHeavy,
			boolean maintenanceWindowRequired) {
		Objects.requireNonNull(risk, "risk");
		if (risk == RiskLevel.HIGH || risk == RiskLevel.CRITICAL) {
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
