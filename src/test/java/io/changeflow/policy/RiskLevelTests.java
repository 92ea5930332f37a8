package io.changeflow.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RiskLevelTests {

	@ParameterizedTest
	@CsvSource({ "low, LOW", "Low, LOW", "LOW, LOW", "medium, MEDIUM", "High, HIGH", "cRiTiCaL, CRITICAL",
			"' high ', HIGH" })
	void parseIgnoresCaseAndSurroundingBlanks(String value, RiskLevel expected) {
		assertThat(RiskLevel.parse(value)).isEqualTo(expected);
	}

	@Test
	void parseRejectsUnknownValueNamingAllowedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> RiskLevel.parse("urgent"))
			.withMessage("Unknown risk level 'urgent'; allowed values: LOW, MEDIUM, HIGH, CRITICAL (case-insensitive)");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "lo", "highest" })
	void parseRejectsMissingOrPartialValues(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> RiskLevel.parse(value))
			.withMessageContaining("allowed values: LOW, MEDIUM, HIGH, CRITICAL");
	}

}
