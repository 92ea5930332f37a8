package io.changeflow.change;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import io.changeflow.policy.ChangeType;

/**
 * The pre-approved standard changes of 002 §4.1 and 000 "Standard Changes". Whether a request really is one is decided
 * by the DMN table standard-change-eligibility; {@code reviewedAs} names the change type whose peer review 000 asks
 * for (documentation, non-security bug fix, test additions: one reviewer), null where approval is automatic.
 */
enum StandardType {

	DEPENDENCY_PATCH("dependency-patch", null), LOG_LEVEL("log-level", null),
	MONITORING_THRESHOLD("monitoring-threshold", null), DOCUMENTATION("documentation", ChangeType.DOCUMENTATION),
	BUG_FIX("bug-fix", ChangeType.BUG_FIX), TEST_ADDITION("test-addition", ChangeType.TEST_ADDITION);

	final String value;

	final ChangeType reviewedAs;

	StandardType(String value, ChangeType reviewedAs) {
		this.value = value;
		this.reviewedAs = reviewedAs;
	}

	static Optional<StandardType> parse(Object value) {
		return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
	}

	static String allValues() {
		return Arrays.stream(values()).map(type -> type.value).collect(Collectors.joining(", "));
	}

}
