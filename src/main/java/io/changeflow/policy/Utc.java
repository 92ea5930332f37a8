package io.changeflow.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads instants from people, tools and the database; formats them for human-readable reasons. Every module stores
 * instants through {@link #column} and {@link #read}, the portable mapping for H2 and PostgreSQL.
 */
public final class Utc {

	private Utc() {
	}

	/** E.g. "2026-12-21T00:00Z": minute precision unless seconds are set. */
	public static String format(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC).toString();
	}

	/** E.g. "2027-01-06T02:00Z–06:00Z"; the end in full when it falls on another day. */
	static String formatRange(Instant start, Instant end) {
		OffsetDateTime first = start.atOffset(ZoneOffset.UTC);
		OffsetDateTime last = end.atOffset(ZoneOffset.UTC);
		return first + "–" + (first.toLocalDate().equals(last.toLocalDate()) ? last.toLocalTime() + "Z" : last);
	}

	/**
	 * An ISO-8601 timestamp with offset ("2027-01-06T02:00Z", "2027-01-06T03:00+01:00"), as REST clients and Camunda
	 * Forms ("utc_normalized") send it, or a Date variable.
	 * @throws IllegalArgumentException naming the expected format
	 */
	public static Instant parse(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		try {
			return OffsetDateTime.parse(value.toString().strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + value + "' is not an ISO-8601 timestamp with offset, e.g. 2027-01-06T02:00:00Z", ex);
		}
	}

	/**
	 * A period bound as API callers give it: an ISO-8601 instant with offset ("2026-11-01T00:00:00Z") or a date,
	 * meaning its UTC midnight ("2026-11-01").
	 * @throws DateTimeParseException when it is neither
	 */
	public static Instant instantOrDate(String value) {
		String text = value.strip();
		return text.contains("T") ? OffsetDateTime.parse(text).toInstant()
				: LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	// H2 and PostgreSQL both map OffsetDateTime to "timestamp with time zone"; Instant is not portable
	public static OffsetDateTime column(Instant instant) {
		return (instant == null) ? null : instant.atOffset(ZoneOffset.UTC);
	}

	/** @return null for SQL NULL */
	public static Instant read(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
