package io.changeflow.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/** A period in which (some) changes may not run; {@code end} is exclusive. */
public record Freeze(String name, Instant start, Instant end, String reason) {

	public Freeze {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		Objects.requireNonNull(reason, "reason");
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("Freeze '" + name + "' must end after it starts: " + start + " – " + end);
		}
	}

	boolean contains(Instant instant) {
		return !instant.isBefore(this.start) && instant.isBefore(this.end);
	}

	/**
	 * E.g. "Holiday freeze 2026-12-20 – 2027-01-05 (emergency only)". Whole UTC days are
	 * shown as inclusive dates, as the policy states them; anything else as instants.
	 */
	String describe() {
		String period = (isUtcMidnight(this.start) && isUtcMidnight(this.end))
				? this.start.atOffset(ZoneOffset.UTC).toLocalDate() + " – "
						+ this.end.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1)
				: Utc.format(this.start) + " – " + Utc.format(this.end);
		return this.name + " " + period + " (" + this.reason + ")";
	}

	private static boolean isUtcMidnight(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
	}

}
