package io.changeflow.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.changeflow.policy.Utc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Compiles, stores and serves the change reports of 002 §10.2: the KPIs of the last full period against their targets
 * and, as SVG charts, their trend. A period is reported once: the report of a period that already has one is that one.
 */
@Component
class ChangeReports {

	private static final RowMapper<Report> REPORT = (row, index) -> new Report(row.getString("report_id"),
			ReportKind.parse(row.getString("kind")), Utc.read(row, "period_from"), Utc.read(row, "period_to"),
			row.getString("title"), row.getString("html"),
			row.getString("breached").isEmpty() ? List.of() : List.of(row.getString("breached").split(",")),
			Utc.read(row, "created_at"));

	private final ChangeKpis kpis;

	private final ITemplateEngine templates;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ChangeReports(ChangeKpis kpis, ITemplateEngine templates, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.kpis = kpis;
		this.templates = templates;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** The report of the last full period of this kind before now, compiled and announced unless it exists. */
	@Transactional
	Report compile(ReportKind kind) {
		Instant now = clock.instant();
		Instant from = kind.periodStart(now);
		String id = kind.value + "-" + from.atOffset(ZoneOffset.UTC).toLocalDate();
		Optional<Report> existing = find(id);
		if (existing.isPresent()) {
			return existing.get();
		}
		KpiSnapshot period = kpis.between(from, kind.periodEnd(now));
		List<KpiSnapshot> trend = kpis.trend(period.to(), kind.step, kind.trendPeriods);
		String title = kind.title + ", " + Utc.format(period.from()).substring(0, 10) + " – "
				+ Utc.format(period.to().minusSeconds(1)).substring(0, 10);
		var model = new Context();
		model.setVariable("title", title);
		model.setVariable("kind", kind);
		model.setVariable("period", period);
		model.setVariable("charts", period.kpis()
			.stream()
			.filter(kpi -> kpi.target() != null)
			.map(kpi -> KpiCharts.trend(kpi.key(), trend))
			.toList());
		model.setVariable("createdAt", now);
		var report = new Report(id, kind, period.from(), period.to(), title, templates.process("change-report", model),
				period.breached().stream().map(Kpi::label).toList(), now);
		jdbc.sql("""
				insert into cf_report (report_id, kind, period_from, period_to, title, html, breached, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, kind.value, Utc.column(report.from()), Utc.column(report.to()), title, report.html(),
					String.join(",", report.breached()), Utc.column(now))
			.update();
		events.publishEvent(new ChangeReportPublished(id, kind, title, report.from(), report.to(),
				report.breached()));
		return report;
	}

	Optional<Report> find(String id) {
		return jdbc.sql("select * from cf_report where report_id = ?").param(id).query(REPORT).optional();
	}

	/** Newest period first. */
	List<Report> list(ReportKind kind, int offset, int limit) {
		return jdbc.sql("select * from cf_report" + ((kind != null) ? " where kind = :kind" : "")
				+ " order by period_from desc, kind offset :offset rows fetch next :limit rows only")
			.param("kind", (kind != null) ? kind.value : null)
			.param("offset", offset)
			.param("limit", limit)
			.query(REPORT)
			.list();
	}

}
