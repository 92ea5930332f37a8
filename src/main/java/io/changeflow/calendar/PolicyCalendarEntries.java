package io.changeflow.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.changeflow.calendar.CalendarEntry.Kind;
import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.Freeze;
import io.changeflow.policy.FreezeCalendar;
import org.springframework.stereotype.Component;

/** The calendar's entries as the policy module defines them: freezes and the daily deployment windows. */
@Component
class PolicyCalendarEntries implements CalendarEntries {

	// engineers propose normal changes; the freeze calendar answers for a kind of change
	private static final ChangeContext NORMAL_CHANGE = new ChangeContext("normal", Set.of());

	// the freeze calendar only finds freezes starting in a range; one reaching into the range started at most this
	// long before it (the holiday freeze lasts 17 days)
	private static final Duration LONGEST_FREEZE = Duration.ofDays(366);

	// DeploymentWindow exposes only its label; its hours (POL-CM-001 §8.1) are repeated here, and checked against
	// the label by a test, until the policy module offers the configured window hours
	private static final List<Band> BANDS = List.of(
			new Band(DeploymentWindow.LOW_TRAFFIC, "Low-traffic", LocalTime.of(2, 0), LocalTime.of(6, 0),
					"high and critical risk changes and changes that need a maintenance window"),
			new Band(DeploymentWindow.BUSINESS_HOURS, "Business hours", LocalTime.of(14, 0), LocalTime.of(18, 0),
					"monitoring-heavy changes"));

	private final FreezeCalendar freezes;

	PolicyCalendarEntries(FreezeCalendar freezes) {
		this.freezes = freezes;
	}

	@Override
	public List<CalendarEntry> between(Instant from, Instant to) {
		List<CalendarEntry> entries = new ArrayList<>();
		this.freezes.blockingFreezesStartingBetween(from.minus(LONGEST_FREEZE), to, NORMAL_CHANGE)
			.stream()
			.filter((freeze) -> freeze.end().isAfter(from))
			.map(PolicyCalendarEntries::entry)
			.forEach(entries::add);
		LocalDate last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
		for (LocalDate day = from.atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			for (Band band : BANDS) {
				CalendarEntry window = band.on(day);
				if (window.overlaps(from, to)) {
					entries.add(window);
				}
			}
		}
		return entries;
	}

	// the policy states freezes as "emergency only" and the like: who may still deploy
	private static CalendarEntry entry(Freeze freeze) {
		return new CalendarEntry(Kind.FREEZE, freeze.name(), "Still allowed: " + freeze.reason(), freeze.start(),
				freeze.end(), null);
	}

	private record Band(DeploymentWindow window, String name, LocalTime opens, LocalTime closes, String usedBy) {

		CalendarEntry on(LocalDate day) {
			return new CalendarEntry(Kind.WINDOW, this.name, this.window.label() + ", for " + this.usedBy,
					day.atTime(this.opens).toInstant(ZoneOffset.UTC), day.atTime(this.closes).toInstant(ZoneOffset.UTC),
					null);
		}

	}

}
