package io.changeflow.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.changeflow.audit.ChangeFacts;
import io.changeflow.audit.ChangeHistory;
import io.changeflow.policy.RiskLevel;
import org.springframework.stereotype.Component;

/** The change KPIs computed from the changes' audit trails ({@link ChangeHistory}), whole or grouped. */
@Component
class HistoryKpis implements ChangeKpis {

	/** The group of changes without the attribute, e.g. no risk level (standard, emergency, runtime upgrade). */
	static final String NONE = "none";

	private final ChangeHistory history;

	HistoryKpis(ChangeHistory history) {
		this.history = history;
	}

	@Override
	public KpiSnapshot between(Instant from, Instant to) {
		return KpiCalculator.snapshot(history.activeBetween(from, to), from, to);
	}

	/** The trails of the whole span are read once; each period counts what happened in it. */
	@Override
	public List<KpiSnapshot> trend(Instant end, Period step, int periods) {
		if (periods < 1 || step.isNegative() || step.isZero()) {
			throw new IllegalArgumentException("a trend needs at least one period of a positive step, not " + periods
					+ " of " + step);
		}
		ZonedDateTime last = end.atZone(ZoneOffset.UTC);
		var bounds = new ArrayList<Instant>();
		for (int back = periods; back >= 0; back--) {
			bounds.add(last.minus(step.multipliedBy(back)).toInstant());
		}
		List<ChangeFacts> changes = history.activeBetween(bounds.get(0), end);
		var trend = new ArrayList<KpiSnapshot>();
		for (int period = 0; period < periods; period++) {
			trend.add(KpiCalculator.snapshot(changes, bounds.get(period), bounds.get(period + 1)));
		}
		return trend;
	}

	/** The KPIs of [from, to) and, unless {@code by} is null, of each group. */
	Grouped grouped(Instant from, Instant to, GroupBy by) {
		List<ChangeFacts> changes = history.activeBetween(from, to);
		var overall = KpiCalculator.snapshot(changes, from, to);
		if (by == null) {
			return new Grouped(overall, List.of());
		}
		var groups = new ArrayList<Group>();
		switch (by) {
			case CATEGORY -> attribute(changes, change -> Objects.toString(change.category(), NONE),
					Comparator.naturalOrder())
				.forEach((category, members) -> groups
					.add(new Group(category, KpiCalculator.snapshot(members, from, to))));
			case RISK -> attribute(changes, change -> Objects.toString(change.risk(), NONE),
					Comparator.comparing(HistoryKpis::riskOrder))
				.forEach((risk, members) -> groups.add(new Group(risk, KpiCalculator.snapshot(members, from, to))));
			case WEEK, MONTH -> {
				ZonedDateTime start = from.atZone(ZoneOffset.UTC);
				while (start.toInstant().isBefore(to)) {
					ZonedDateTime next = (by == GroupBy.WEEK)
							? start.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC)
							: start.toLocalDate().with(TemporalAdjusters.firstDayOfNextMonth()).atStartOfDay(ZoneOffset.UTC);
					Instant end = next.toInstant().isBefore(to) ? next.toInstant() : to;
					groups.add(new Group(label(by, start), KpiCalculator.snapshot(changes, start.toInstant(), end)));
					start = next;
				}
			}
		}
		return new Grouped(overall, groups);
	}

	private static Map<String, List<ChangeFacts>> attribute(List<ChangeFacts> changes,
			Function<ChangeFacts, String> key, Comparator<String> order) {
		return changes.stream().collect(Collectors.groupingBy(key, () -> new TreeMap<>(order), Collectors.toList()));
	}

	private static int riskOrder(String risk) {
		return Arrays.stream(RiskLevel.values())
			.filter(level -> level.name().toLowerCase(Locale.ROOT).equals(risk))
			.findFirst()
			.map(Enum::ordinal)
			.orElse(RiskLevel.values().length);
	}

	// ISO weeks (Monday to Monday, UTC) like 2026-W45; calendar months like 2026-11
	private static String label(GroupBy by, ZonedDateTime start) {
		return (by == GroupBy.WEEK)
				? "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
				: YearMonth.from(start).toString();
	}

	enum GroupBy {

		CATEGORY, RISK, WEEK, MONTH;

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Optional<GroupBy> parse(String value) {
			return Arrays.stream(values()).filter(by -> by.value().equals(value)).findFirst();
		}

	}

	/** @param group a category, a risk level, an ISO week (2026-W45) or a month (2026-11) */
	record Group(String group, KpiSnapshot kpis) {
	}

	record Grouped(KpiSnapshot overall, List<Group> groups) {
	}

}
