package io.changeflow.policy;

import java.time.Instant;
import java.time.ZoneOffset;

/** Formats instants for human-readable reasons. */
final class Utc {

	private Utc() {
	}

	/** E.g. "2026-12-21T00:00Z": minute precision unless seconds are set. */
	static String format(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC).toString();
	}

}
