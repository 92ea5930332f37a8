package io.changeflow.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentWindowTests {

	@ParameterizedTest(name = "{0}, monitoringHeavy={1}, maintenanceWindow={2} -> {3}")
	@CsvSource({
			// risk,   monitoringHeavy, maintenanceWindowRequired, expected
			"LOW,      false, false, ANY_TIME",
			"LOW,      false, true,  LOW_TRAFFIC",
			"LOW,      true,  false, BUSINESS_HOURS",
			"LOW,      true,  true,  BUSINESS_HOURS",
			"MEDIUM,   false, false, ANY_TIME",
			"MEDIUM,   false, true,  LOW_TRAFFIC",
			"MEDIUM,   true,  false, BUSINESS_HOURS",
			"MEDIUM,   true,  true,  BUSINESS_HOURS",
			"HIGH,     false, false, LOW_TRAFFIC",
			"HIGH,     false, true,  LOW_TRAFFIC",
			"HIGH,     true,  false, LOW_TRAFFIC",
			"HIGH,     true,  true,  LOW_TRAFFIC",
			"CRITICAL, false, false, LOW_TRAFFIC",
			"CRITICAL, false, true,  LOW_TRAFFIC",
			"CRITICAL, true,  false, LOW_TRAFFIC",
			"CRITICAL, true,  true,  LOW_TRAFFIC" })
	void windowForEveryCombination(RiskLevel risk, boolean monitoringHeavy, boolean maintenanceWindowRequired,
			DeploymentWindow expected) {
		assertThat(DeploymentWindow.forChange(ChangeType.FEATURE, risk, monitoringHeavy, maintenanceWindowRequired))
			.isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "BREAKING_API, LOW_TRAFFIC", "SECURITY, LOW_TRAFFIC", "DEPENDENCY_MAJOR, LOW_TRAFFIC",
			"ARCHITECTURE, LOW_TRAFFIC", "CRYPTOGRAPHIC, LOW_TRAFFIC", "DOCUMENTATION, ANY_TIME", "FEATURE, ANY_TIME" })
	void significantChangesTakeTheLowTrafficWindowEvenWhenMonitoringHeavy(ChangeType type, DeploymentWindow expected) {
		assertThat(DeploymentWindow.forChange(type, RiskLevel.LOW, false, false)).isEqualTo(expected);
		assertThat(DeploymentWindow.forChange(type, RiskLevel.LOW, true, false))
			.isEqualTo(expected == DeploymentWindow.LOW_TRAFFIC ? expected : DeploymentWindow.BUSINESS_HOURS);
	}

}
