package io.changeflow.metrics;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** KPIs in words and numbers as people read them, the same on the dashboard, in charts and in reports. */
final class KpiFormat {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

	private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

	private KpiFormat() {
	}

	/** E.g. "92.5 %", "1.8 h", "no data". */
	static String value(Kpi kpi) {
		return (kpi.value() == null) ? "no data" : number(kpi.value(), kpi.unit());
	}

	/** At most one decimal: "95 %", "18.2 %", "1.5 h". */
	static String number(double value, String unit) {
		String number = String.format(Locale.ROOT, "%.1f", value);
		if (number.endsWith(".0")) {
			number = number.substring(0, number.length() - 2);
		}
		return number + (KpiCalculator.PERCENT.equals(unit) ? " %" : " h");
	}

	/** E.g. "> 95 %", "< 2 h"; empty without target. */
	static String target(Kpi kpi) {
		return (kpi.target() == null) ? ""
				: (kpi.target().above() ? "> " : "< ") + number(kpi.target().threshold(), kpi.unit());
	}

	/** What the value was computed from: "3 of 4 changes", "10.5 h over 7 changes". */
	static String basis(Kpi kpi) {
		String changes = kpi.denominator() + ((kpi.denominator() == 1) ? " change" : " changes");
		return KpiCalculator.PERCENT.equals(kpi.unit()) ? Math.round(kpi.numerator()) + " of " + changes
				: number(kpi.numerator(), kpi.unit()) + " over " + changes;
	}

	/** "Target missed", "On target", "No target" or "No data": the state in words, never by colour alone. */
	static String status(Kpi kpi) {
		if (kpi.value() == null) {
			return "No data";
		}
		if (kpi.target() == null) {
			return "No target";
		}
		return kpi.breached() ? "Target missed" : "On target";
	}

	/** A short name of the period: "2026-11" for a calendar month, "W45" for an ISO week, else its first day. */
	static String period(KpiSnapshot period) {
		ZonedDateTime from = period.from().atZone(ZoneOffset.UTC);
		ZonedDateTime to = period.to().atZone(ZoneOffset.UTC);
		boolean midnight = from.toLocalTime().toSecondOfDay() == 0;
		if (midnight && from.getDayOfMonth() == 1 && from.plusMonths(1).equals(to)) {
			return from.getYear() + "-" + String.format(Locale.ROOT, "%02d", from.getMonthValue());
		}
		if (midnight && from.getDayOfWeek() == DayOfWeek.MONDAY && from.plusWeeks(1).equals(to)) {
			return "W" + String.format(Locale.ROOT, "%02d", from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
		}
		return SHORT_DAY.format(from);
	}

	/** The period in full: first and last day, both included, for whole days (UTC); else the instants. */
	static String range(KpiSnapshot period) {
		ZonedDateTime from = period.from().atZone(ZoneOffset.UTC);
		ZonedDateTime to = period.to().atZone(ZoneOffset.UTC);
		if (from.toLocalTime().toSecondOfDay() == 0 && to.toLocalTime().toSecondOfDay() == 0) {
			return DAY.format(from) + " – " + DAY.format(to.minusDays(1));
		}
		return period.from() + " – " + period.to() + " (end excluded)";
	}

}
