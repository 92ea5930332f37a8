package io.changeflow.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The change types a request can name (002 §6.1 and 000); the approval policy DMN has rows for each. */
public enum ChangeType {

	DOCUMENTATION("documentation"), CONFIGURATION("configuration"), BUG_FIX("bug-fix"), TEST_ADDITION("test-addition"),
	APPLICATION_CODE("application-code"), FEATURE("feature"), PERFORMANCE("performance"),
	DEPENDENCY_MINOR("dependency-minor"), DEPENDENCY_MAJOR("dependency-major"), PALLET_CODE("pallet-code"),
	CRYPTOGRAPHIC("cryptographic"), INFRASTRUCTURE("infrastructure"), BREAKING_API("breaking-api"),
	ARCHITECTURE("architecture"), SECURITY("security");

	public final String value;

	ChangeType(String value) {
		this.value = value;
	}

	/** @return the type whose {@link #value} this is; empty for anything else */
	public static Optional<ChangeType> parse(Object value) {
		return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
	}

	/** E.g. "documentation, configuration, …": for messages that name the allowed values. */
	static String allValues() {
		return Arrays.stream(values()).map(type -> type.value).collect(Collectors.joining(", "));
	}

}
