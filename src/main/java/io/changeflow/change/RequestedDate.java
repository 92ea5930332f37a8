package io.changeflow.change;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

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
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + text + "' is not a date (expected YYYY-MM-DD or an ISO 8601 timestamp with offset)", ex);
		}
	}

}
