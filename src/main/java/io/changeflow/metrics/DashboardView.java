package io.changeflow.metrics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.changeflow.change.ChangePhase;
import io.changeflow.change.OpenChanges.OpenChange;

/**
 * What the dashboard shows, ready to print: the KPIs of the last 30 days against their targets, their weekly trend as
 * charts, the open changes by phase and the slots coming up.
 */
record DashboardView(String updated, String window, List<Tile> kpis, List<Tile> phases, List<String> charts,
		List<PhaseGroup> open, int openTotal, List<Slot> upcoming, String upcomingRange) {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	/** The KPIs shown as tiles and charts; the times in each phase are a table of their own. */
	static final List<String> HEADLINE = List.of(ChangeKpis.SUCCESS_RATE, ChangeKpis.EMERGENCY_RATE,
			ChangeKpis.MEAN_TIME_TO_DEPLOY, ChangeKpis.ROLLBACK_RATE, KpiCalculator.CHANGE_FAILURE_RATE,
			KpiCalculator.APPROVAL_LEAD_TIME);

	/** A phase lists this many changes by id; the count says how many more. */
	static final int LISTED = 10;

	static DashboardView of(Instant now, KpiSnapshot current, List<KpiSnapshot> weeks, List<OpenChange> open,
			List<OpenChange> upcoming, Instant upcomingEnd) {
		var kpis = new ArrayList<Tile>();
		var phases = new ArrayList<Tile>();
		for (Kpi kpi : current.kpis()) {
			(kpi.key().startsWith(KpiCalculator.TIME_IN_PHASE) ? phases : kpis).add(Tile.of(kpi));
		}
		kpis.sort((one, other) -> HEADLINE.indexOf(one.key()) - HEADLINE.indexOf(other.key()));
		var byPhase = new EnumMap<ChangePhase, List<OpenChange>>(ChangePhase.class);
		open.forEach(change -> byPhase.computeIfAbsent(change.phase(), phase -> new ArrayList<>()).add(change));
		var groups = new ArrayList<PhaseGroup>();
		for (Map.Entry<ChangePhase, List<OpenChange>> phase : byPhase.entrySet()) {
			List<OpenChange> changes = phase.getValue();
			groups.add(new PhaseGroup(phase.getKey().value(), KpiCalculator.words(phase.getKey()), changes.size(),
					changes.stream().limit(LISTED).map(Link::of).toList(), Math.max(0, changes.size() - LISTED)));
		}
		return new DashboardView(TIME.format(now), TIME.format(current.from()) + " – " + TIME.format(current.to()),
				List.copyOf(kpis), List.copyOf(phases),
				HEADLINE.stream().map(key -> KpiCharts.trend(key, weeks)).toList(), List.copyOf(groups), open.size(),
				upcoming.stream().map(Slot::of).toList(), TIME.format(now) + " – " + TIME.format(upcomingEnd));
	}

	/**
	 * One KPI in words.
	 * @param state {@code missed}, {@code met} or {@code none} (no target or no data): a CSS class; the status says it
	 * in words
	 */
	record Tile(String key, String label, String value, String target, String status, String basis, String state) {

		static Tile of(Kpi kpi) {
			String state = (kpi.target() == null || kpi.value() == null) ? "none" : kpi.breached() ? "missed" : "met";
			return new Tile(kpi.key(), kpi.label(), KpiFormat.value(kpi), KpiFormat.target(kpi),
					KpiFormat.status(kpi), KpiFormat.basis(kpi), state);
		}

	}

	/** @param more how many changes of the phase are not listed */
	record PhaseGroup(String phase, String name, int count, List<Link> changes, int more) {
	}

	record Link(String changeId, String title) {

		static Link of(OpenChange change) {
			return new Link(change.changeId(), Objects.toString(change.title(), ""));
		}

	}

	/** @param end empty for a runtime upgrade, which is enacted at a block */
	record Slot(String start, String end, String changeId, String title, String category, String phase) {

		static Slot of(OpenChange change) {
			return new Slot(TIME.format(change.slotStart()),
					(change.slotEnd() != null) ? TIME.format(change.slotEnd()) : "", change.changeId(),
					Objects.toString(change.title(), ""), change.category(), KpiCalculator.words(change.phase()));
		}

	}

}
