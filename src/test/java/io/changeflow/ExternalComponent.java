package io.changeflow;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a component outside the JVM (PostgreSQL, Chromium) skip on a developer machine without it, so a
 * fresh clone still passes {@code ./mvnw verify}; under {@code CI=true} a missing component fails the test instead.
 */
public final class ExternalComponent {

	private ExternalComponent() {
	}

	public static boolean inCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/** @param problem why the component is unusable, or null when it is available */
	public static void require(String component, String problem) {
		if (problem == null) {
			return;
		}
		String message = component + " is not available: " + problem;
		if (inCi()) {
			Assertions.fail(message + " (CI=true requires it)");
		}
		Assumptions.abort(message + "; skipped (set CI=true to make this a failure)");
	}

}
