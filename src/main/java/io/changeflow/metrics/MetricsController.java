package io.changeflow.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.changeflow.metrics.HistoryKpis.GroupBy;
import io.changeflow.policy.Utc;
import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Change KPIs over HTTP (002 §10): each with the numbers it was computed from and its target, for the period and,
 * on request, per category, risk, week or month. Errors are RFC 7807 problems.
 */
@RestController
class MetricsController {

	/** Who reads change metrics: who runs the process, who audits it, and the engineering lead it reports to. */
	static final List<String> READERS = List.of(Roles.CHANGE_MANAGERS, Roles.AUDITORS, Roles.CAB_ENGINEERING_LEAD);

	static final String WHO = "change managers, auditors and the engineering lead read change metrics";

	/** At most a year per call, like the evidence export: a quarter or a year for reviews, never unbounded. */
	static final int MAX_YEARS = 1;

	private final HistoryKpis kpis;

	private final CurrentUser user;

	MetricsController(HistoryKpis kpis, CurrentUser user) {
		this.kpis = kpis;
		this.user = user;
	}

	@Operation(summary = "Change KPIs of [from, to) with their targets (002 §10.1), numerators and denominators",
			description = "from (inclusive) and to (exclusive, at most a year later): ISO-8601 instants with offset or"
					+ " dates (their UTC midnight). groupBy (optional): category, risk, week (ISO weeks, UTC) or month;"
					+ " each group has the same KPIs. value is a percentage (0–100) or hours, null when the period has"
					+ " nothing to measure. For change managers, auditors and the engineering lead. docs/metrics.md"
					+ " defines every KPI and which changes it counts.")
	@GetMapping("/api/metrics/changes")
	MetricsResponse changes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String groupBy) {
		user.requiredMemberOfAny(READERS, WHO);
		var errors = new ArrayList<FieldError>();
		Instant start = instant("from", from, errors);
		Instant end = instant("to", to, errors);
		GroupBy by = null;
		if (groupBy != null && !groupBy.isBlank()) {
			by = GroupBy.parse(groupBy.strip()).orElse(null);
			if (by == null) {
				errors.add(new FieldError("groupBy", "'" + groupBy + "' is not one of "
						+ String.join(", ", Arrays.stream(GroupBy.values()).map(GroupBy::value).toList())));
			}
		}
		if (start != null && end != null) {
			if (!end.isAfter(start)) {
				errors.add(new FieldError("to", "must be after from"));
			}
			else if (end.isAfter(start.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
				errors.add(new FieldError("to", "must be at most " + MAX_YEARS
						+ " year after from: ask for a longer period in several calls"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidMetricsRequestException(errors);
		}
		var grouped = kpis.grouped(start, end, by);
		return new MetricsResponse(start, end, (by != null) ? by.value() : null,
				KpiPeriod.of(null, grouped.overall()),
				grouped.groups().stream().map(group -> KpiPeriod.of(group.group(), group.kpis())).toList());
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidMetricsRequestException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", ex.errors);
		return problem;
	}

	private static Instant instant(String name, String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(name, "is required: an ISO-8601 instant or date, e.g. 2026-11-01T00:00:00Z or"
					+ " 2026-11-01"));
			return null;
		}
		try {
			return Utc.instantOrDate(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(name, "'" + value + "' is not an ISO-8601 instant with offset or a date, e.g."
					+ " 2026-11-01T00:00:00Z or 2026-11-01"));
			return null;
		}
	}

	/** @param groupBy null without grouping */
	record MetricsResponse(Instant from, Instant to, String groupBy, KpiPeriod overall, List<KpiPeriod> groups) {
	}

	/** @param group null for the whole period; else a category, risk level, ISO week (2026-W45) or month (2026-11) */
	record KpiPeriod(String group, Instant from, Instant to, List<KpiValue> kpis) {

		static KpiPeriod of(String group, KpiSnapshot snapshot) {
			return new KpiPeriod(group, snapshot.from(), snapshot.to(),
					snapshot.kpis().stream().map(KpiValue::of).toList());
		}

	}

	/**
	 * A KPI as the API shows it: {@link Kpi} with whether it misses its target.
	 * @param target e.g. {@code {"above": true, "threshold": 95.0}}; null when the policy sets none
	 */
	record KpiValue(String key, String label, Double value, String unit, double numerator, long denominator,
			Kpi.Target target, boolean breached) {

		static KpiValue of(Kpi kpi) {
			return new KpiValue(kpi.key(), kpi.label(), kpi.value(), kpi.unit(), kpi.numerator(), kpi.denominator(),
					kpi.target(), kpi.breached());
		}

	}

	record FieldError(String field, String message) {
	}

	/** Every bad parameter of a metrics request, so one correction fixes them all. */
	static final class InvalidMetricsRequestException extends RuntimeException {

		private final List<FieldError> errors;

		InvalidMetricsRequestException(List<FieldError> errors) {
			super(errors.size() + " invalid parameter(s): " + String.join("; ",
					errors.stream().map(error -> error.field() + " " + error.message()).toList()));
			this.errors = List.copyOf(errors);
		}

	}

}
