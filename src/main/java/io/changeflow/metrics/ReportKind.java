package io.changeflow.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import io.changeflow.security.Roles;

/**
 * The reports of 002 §10.2: who reads them, which period they cover (the last full one, UTC) and how far back their
 * trend charts go.
 */
public enum ReportKind {

	/** "Weekly: change summary to engineering team". */
	WEEKLY("weekly", "Weekly change summary", Period.ofWeeks(1), 12,
			List.of(Roles.REQUESTERS, Roles.REVIEWERS, Roles.IMPLEMENTERS, Roles.DEVOPS_TEAM, Roles.SECURITY_TEAM,
					Roles.ARCHITECTURE_TEAM, Roles.CHANGE_MANAGERS)),
	/** "Monthly: change metrics to leadership". */
	MONTHLY("monthly", "Monthly change metrics", Period.ofMonths(1), 12,
			List.of(Roles.CAB_ENGINEERING_LEAD, Roles.CHANGE_MANAGERS)),
	/** "Quarterly: change management review": always reviewed by the change managers. */
	QUARTERLY("quarterly", "Quarterly change management review", Period.ofMonths(3), 8,
			List.of(Roles.CAB_ENGINEERING_LEAD, Roles.CAB_SECURITY, Roles.CAB_OPERATIONS, Roles.CHANGE_MANAGERS));

	public final String value;

	public final String title;

	final Period step;

	final int trendPeriods;

	/** The groups the report is sent to. */
	public final List<String> audience;

	ReportKind(String value, String title, Period step, int trendPeriods, List<String> audience) {
		this.value = value;
		this.title = title;
		this.step = step;
		this.trendPeriods = trendPeriods;
		this.audience = audience;
	}

	/** The end of the last full period before {@code now}: this Monday, the 1st of this month or quarter, 00:00 UTC. */
	Instant periodEnd(Instant now) {
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalDate end = switch (this) {
			case WEEKLY -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTHLY -> today.withDayOfMonth(1);
			case QUARTERLY -> today.with(IsoFields.DAY_OF_QUARTER, 1);
		};
		return end.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	Instant periodStart(Instant now) {
		return periodEnd(now).atOffset(ZoneOffset.UTC).minus(step).toInstant();
	}

	/** Whether the last full period of this kind ended at 00:00 UTC of {@code day}: the report is due that day. */
	boolean dueOn(LocalDate day) {
		return periodEnd(day.atStartOfDay(ZoneOffset.UTC).toInstant()).equals(day.atStartOfDay(ZoneOffset.UTC)
			.toInstant());
	}

	public static ReportKind parse(String value) {
		for (ReportKind kind : values()) {
			if (kind.value.equals(value)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown report kind '" + value + "'; known: weekly, monthly, quarterly");
	}

}
