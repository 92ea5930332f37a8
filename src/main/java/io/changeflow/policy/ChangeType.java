package io.changeflow.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The change types a request can name (002 §6.1 and 000); the approval policy and testing evidence DMN tables have
 * rows for each.
 */
public enum ChangeType {

	DOCUMENTATION("documentation"), CONFIGURATION("configuration"), BUG_FIX("bug-fix"), TEST_ADDITION("test-addition"),
	APPLICATION_CODE("application-code"), FEATURE("feature"), PERFORMANCE("performance"),
	DEPENDENCY_MINOR("dependency-minor"), DEPENDENCY_MAJOR("dependency-major", true), PALLET_CODE("pallet-code"),
	CRYPTOGRAPHIC("cryptographic", true), INFRASTRUCTURE("infrastructure"), BREAKING_API("breaking-api", true),
	ARCHITECTURE("architecture", true), SECURITY("security", true);

	public final String value;

	/**
	 * 000's "significant changes" (breaking API, security-related, major dependency, architecture; cryptographic code
	 * is security-related: "crypto updates"). 002 §8.1 sends significant changes to the low-traffic window.
	 */
	public final boolean significant;

	ChangeType(String value) {
		this(value, false);
	}

	ChangeType(String value, boolean significant) {
		this.value = value;
		this.significant = significant;
	}

	/** @return the type whose {@link #value} this is; empty for anything else */
	public static Optional<ChangeType> parse(Object value) {
		return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
	}

	/** E.g. "documentation, configuration, …": for messages that name the allowed values. */
	public static String allValues() {
		return Arrays.stream(values()).map(type -> type.value).collect(Collectors.joining(", "));
	}

}
