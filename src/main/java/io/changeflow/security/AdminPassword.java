package io.changeflow.security;

import java.util.List;
import java.util.Locale;

/**
 * The rules a production admin password must pass. A refusal names the rule and where the password comes from, never
 * the password, nor the user id (which a refused password may equal).
 */
final class AdminPassword {

	static final int MIN_LENGTH = 12;

	// defaults of changeflow, Camunda and the usual suspects
	private static final List<String> WELL_KNOWN = List.of("admin", "demo", "password", "changeme", "camunda",
			"changeflow", "secret", "letmein", "qwerty", "welcome");

	private static final String SOURCE = "CHANGEFLOW_ADMIN_PASSWORD (changeflow.security.admin.password)";

	private AdminPassword() {
	}

	/** @throws IllegalArgumentException naming the first rule the password breaks */
	static void check(String user, String password) {
		if (user == null || user.isBlank()) {
			throw new IllegalArgumentException(
					"Refusing to start: CHANGEFLOW_ADMIN_USER (changeflow.security.admin.user) must not be blank");
		}
		if (password == null || password.isBlank()) {
			refuse("must be set: the production profile creates no admin without a password");
		}
		if (password.equalsIgnoreCase(user)) {
			refuse("must not equal the admin's user id (CHANGEFLOW_ADMIN_USER)");
		}
		if (wellKnown(password)) {
			refuse("must not be a well-known default password (in any case, also with digits or symbols appended)");
		}
		if (password.length() < MIN_LENGTH) {
			refuse("must be at least " + MIN_LENGTH + " characters long");
		}
	}

	// "Password123!" is as well known as "password": digits and symbols appended do not count
	private static boolean wellKnown(String password) {
		String lower = password.toLowerCase(Locale.ROOT);
		String stem = lower.replaceFirst("[^\\p{L}]+$", "");
		return WELL_KNOWN.contains(stem) || (stem.isEmpty() && lower.startsWith("123456"));
	}

	private static void refuse(String rule) {
		throw new IllegalArgumentException("Refusing to start: " + SOURCE + " " + rule);
	}

}
