package io.changeflow.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.changeflow.audit.ReportingPeriod;
import io.changeflow.audit.ReportingPeriod.FieldError;
import io.changeflow.audit.ReportingPeriod.InvalidParametersException;
import io.changeflow.metrics.HistoryKpis.GroupBy;
import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
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
		var period = ReportingPeriod.parse(from, to, "ask for a longer period in several calls", errors);
		GroupBy by = null;
		if (groupBy != null && !groupBy.isBlank()) {
			by = GroupBy.parse(groupBy.strip()).orElse(null);
			if (by == null) {
				errors.add(new FieldError("groupBy", "'" + groupBy + "' is not one of "
						+ String.join(", ", Arrays.stream(GroupBy.values()).map(GroupBy::value).toList())));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		var grouped = kpis.grouped(period.from(), period.to(), by);
		return new MetricsResponse(period.from(), period.to(), (by != null) ? by.value() : null,
				KpiPeriod.of(null, grouped.overall()),
				grouped.groups().stream().map(group -> KpiPeriod.of(group.group(), group.kpis())).toList());
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

}
