package io.changeflow.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Reads request parameters, collecting a problem for each bad one so one 400 names them all. */
final class Parameters {

	private final List<String> problems = new ArrayList<>();

	/** @return the parsed value, or null (with a problem) when missing or invalid */
	<T> T required(String name, String value, Function<String, T> parse) {
		if (absent(value)) {
			this.problems.add(name + " is required");
			return null;
		}
		return parse(name, value, parse);
	}

	/** @return the parsed value, {@code fallback} when absent, null (with a problem) when invalid */
	<T> T optional(String name, String value, T fallback, Function<String, T> parse) {
		return absent(value) ? fallback : parse(name, value, parse);
	}

	Instant instant(String name, String value, Instant fallback) {
		return optional(name, value, fallback, Utc::parse);
	}

	boolean flag(String name, String value) {
		Boolean flag = optional(name, value, false, (text) -> switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
		});
		return Boolean.TRUE.equals(flag);
	}

	int number(String name, String value, int fallback, int min, int max) {
		Integer number = optional(name, value, fallback, (text) -> {
			try {
				int parsed = Integer.parseInt(text.strip());
				if (parsed < min || parsed > max) {
					throw new IllegalArgumentException(parsed + " is not between " + min + " and " + max);
				}
				return parsed;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("'" + text + "' is not a whole number", ex);
			}
		});
		return (number != null) ? number : fallback;
	}

	/** Blank counts as absent: forms send empty fields. */
	static String blankToNull(String value) {
		return absent(value) ? null : value.strip();
	}

	void addAll(List<String> problems) {
		this.problems.addAll(problems);
	}

	void check(boolean ok, String problem) {
		if (!ok) {
			this.problems.add(problem);
		}
	}

	/** @throws PolicyViolationException naming every problem found */
	void verify() {
		if (!this.problems.isEmpty()) {
			throw new PolicyViolationException(this.problems);
		}
	}

	private <T> T parse(String name, String value, Function<String, T> parse) {
		try {
			return parse.apply(value);
		}
		catch (IllegalArgumentException ex) {
			this.problems.add(name + ": " + ex.getMessage());
			return null;
		}
	}

	private static boolean absent(String value) {
		return value == null || value.isBlank();
	}

}
