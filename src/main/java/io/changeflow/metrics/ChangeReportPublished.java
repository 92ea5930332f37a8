package io.changeflow.metrics;

import java.time.Instant;
import java.util.List;

/**
 * A change report was stored (published in its transaction): its audience is told where to read it.
 *
 * @param breached labels of the KPIs that missed their target in the period
 */
public record ChangeReportPublished(String reportId, ReportKind kind, String title, Instant from, Instant to,
		List<String> breached) {
}
