package io.changeflow.metrics;

import java.time.Instant;
import java.util.List;

/**
 * A stored change report; {@link #html()} is what its readers were sent.
 *
 * @param breached labels of the KPIs that missed their target
 */
record Report(String id, ReportKind kind, Instant from, Instant to, String title, String html,
		List<String> breached, Instant createdAt) {

	String href() {
		return "/api/reports/" + id;
	}

}
