package io.changeflow.calendar;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Something the change calendar shows, from {@code start} to {@code end} (exclusive). Methods the template reads are
 * public, as SpEL requires.
 * @param detail a freeze's reason and who may still deploy, a window's users, a change's service and environment
 * @param link where to read more, or null
 */
record CalendarEntry(Kind kind, String title, String detail, Instant start, Instant end, String link) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	enum Kind {

		// in the order a day lists entries that start at the same time: what blocks a change first
		FREEZE("Freeze"), CHANGE("Scheduled change"), WINDOW("Deployment window");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

		public String cssClass() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	CalendarEntry {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("'" + title + "' must end after it starts: " + start + " – " + end);
		}
		detail = (detail != null) ? detail : "";
	}

	boolean overlaps(Instant from, Instant to) {
		return this.start.isBefore(to) && this.end.isAfter(from);
	}

	/**
	 * E.g. "2026-12-20 – 2027-01-05 UTC" for whole days (inclusive, as policies state them), otherwise
	 * "2026-12-21 22:00 – 2026-12-22 03:00 UTC".
	 */
	public String span() {
		var from = this.start.atOffset(ZoneOffset.UTC);
		var to = this.end.atOffset(ZoneOffset.UTC);
		if (from.toLocalTime().equals(LocalTime.MIDNIGHT) && to.toLocalTime().equals(LocalTime.MIDNIGHT)) {
			var last = to.toLocalDate().minusDays(1);
			return from.toLocalDate().equals(last) ? DAY.format(last) + " UTC"
					: DAY.format(from) + " – " + DAY.format(last) + " UTC";
		}
		return MINUTE.format(from) + " – " + MINUTE.format(to) + " UTC";
	}

}
