package io.changeflow.change;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;

import io.changeflow.policy.Utc;

/** A requested date arrives as a form date ("2026-12-01"), an ISO timestamp (tooling) or a Date variable. */
final class RequestedDate {

	private RequestedDate() {
	}

	/** @throws IllegalArgumentException when the value is no date */
	static Instant parse(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		String text = value.toString().strip();
		try {
			return Utc.instantOrDate(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + text + "' is not a date (expected YYYY-MM-DD or an ISO 8601 timestamp with offset)", ex);
		}
	}

}
