package io.changeflow.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A period in which changes inside {@code scope} may not run; {@code end} is exclusive. {@code id} is null for the
 * computed holiday freezes, {@code incident} is set for post-incident freezes only. A freeze ended before it started
 * has an empty period and blocks nothing.
 */
public record Freeze(String id, Kind kind, String name, Instant start, Instant end, String reason, FreezeScope scope,
		String incident) {

	public Freeze {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(scope, "scope");
		if (end.isBefore(start)) {
			throw new IllegalArgumentException(
					"Freeze '" + name + "' must not end before it starts: " + start + " – " + end);
		}
		if ((kind == Kind.POST_INCIDENT) != (incident != null)) {
			throw new IllegalArgumentException(
					"Freeze '" + name + "': an incident belongs to post-incident freezes only");
		}
	}

	/** The yearly holiday freeze (002 §8.2) covers every service and environment. */
	static Freeze holiday(Instant start, Instant end) {
		return new Freeze(null, Kind.HOLIDAY, "Holiday freeze", start, end, "year-end holidays", FreezeScope.ALL, null);
	}

	/**
	 * 002 §8.2: holiday and declared freezes allow emergency changes only, post-incident freezes only fixes related
	 * to their incident. <b>Choice:</b> emergency changes pass post-incident freezes too: an emergency declares its
	 * own incident, and holding it for 48 hours would defeat it.
	 */
	public boolean blocks(ChangeContext change) {
		if (!this.scope.covers(change.service(), change.environment()) || change.isEmergency()) {
			return false;
		}
		return this.kind != Kind.POST_INCIDENT || !change.relatedIncidents().contains(this.incident);
	}

	/**
	 * E.g. "Holiday freeze 2026-12-20 – 2027-01-05 (emergency only)", "Freeze 'Mainnet launch' 2027-02-01 –
	 * 2027-02-02 on payments-api/production (emergency only)", "Post-incident freeze INC-42 2027-01-10T09:00Z –
	 * 2027-01-12T09:00Z (related fixes only)". Whole UTC days are shown as inclusive dates, as the policy states
	 * them; anything else as instants.
	 */
	public String describe() {
		String title = switch (this.kind) {
			case HOLIDAY -> this.name;
			case DECLARED -> "Freeze '" + this.name + "'";
			case POST_INCIDENT -> "Post-incident freeze " + this.incident;
		};
		String period = (isUtcMidnight(this.start) && isUtcMidnight(this.end) && this.end.isAfter(this.start))
				? this.start.atOffset(ZoneOffset.UTC).toLocalDate() + " – "
						+ this.end.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1)
				: Utc.format(this.start) + " – " + Utc.format(this.end);
		String where = this.scope.isAll() ? "" : " on " + this.scope.describe();
		return title + " " + period + where + " (" + this.kind.allows + ")";
	}

	/** Who may still deploy: "emergency only", "related fixes for INC-42 only". */
	public String allows() {
		return (this.kind == Kind.POST_INCIDENT) ? "related fixes for " + this.incident + " only" : this.kind.allows;
	}

	private static boolean isUtcMidnight(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
	}

	/** The freeze periods of 002 §8.2. */
	public enum Kind {

		HOLIDAY("emergency only"),

		/** A major event, "as declared". */
		DECLARED("emergency only"),

		POST_INCIDENT("related fixes only");

		private final String allows;

		Kind(String allows) {
			this.allows = allows;
		}

	}

}
