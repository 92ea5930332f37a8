package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Finds the earliest slot a change may run in: inside its window and outside every freeze that blocks it. */
@Service
public class SlotPlanner {

	private static final Duration ANY_TIME_SLOT = Duration.ofHours(24);

	// freezes chained back to back could otherwise push the search on forever
	private static final int SEARCH_YEARS = 2;

	private final FreezeCalendar freezes;

	private final Clock clock;

	public SlotPlanner(FreezeCalendar freezes, Clock clock) {
		this.freezes = freezes;
		this.clock = clock;
	}

	/**
	 * The earliest slot starting at or after both {@code notBefore} and now. ANY_TIME
	 * slots last 24 h, window slots end when the window closes; either is cut where the
	 * next blocking freeze starts.
	 * @throws IllegalStateException if no slot starts within two years
	 */
	public Slot earliestSlot(Instant notBefore, DeploymentWindow window, ChangeContext change) {
		List<String> reasons = new ArrayList<>();
		reasons.add("Requested " + Utc.format(notBefore));
		Instant now = this.clock.instant();
		Instant candidate = notBefore;
		if (now.isAfter(notBefore)) {
			candidate = now;
			reasons.add("Requested time has passed: starting from now, " + Utc.format(now));
		}
		reasons.add(window.label());
		Instant limit = candidate.atOffset(ZoneOffset.UTC).plusYears(SEARCH_YEARS).toInstant();
		Freeze movedBy = null;
		while (true) {
			Instant start = firstInstantInWindow(candidate, window);
			if (!start.isBefore(limit)) {
				throw new IllegalStateException("No " + window.label() + " slot free of freezes between "
						+ Utc.format(notBefore) + " and " + Utc.format(limit) + " for a " + change.category()
						+ " change");
			}
			if (movedBy != null) {
				reasons.add(movedBy.describe() + ": moved to " + Utc.format(start));
			}
			else if (!start.equals(candidate)) {
				reasons.add("Outside the window: moved to " + Utc.format(start));
			}
			Optional<Freeze> freeze = this.freezes.blockingFreezeAt(start, change);
			if (freeze.isEmpty()) {
				return new Slot(start, endBeforeNextFreeze(start, window, change, reasons), window, reasons);
			}
			movedBy = freeze.get();
			candidate = movedBy.end();
		}
	}

	private static Instant firstInstantInWindow(Instant candidate, DeploymentWindow window) {
		if (window.isAnyTime()) {
			return candidate;
		}
		LocalDate day = candidate.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalTime time = candidate.atOffset(ZoneOffset.UTC).toLocalTime();
		if (time.isBefore(window.opens())) {
			return day.atTime(window.opens()).toInstant(ZoneOffset.UTC);
		}
		if (time.isBefore(window.closes())) {
			return candidate;
		}
		return day.plusDays(1).atTime(window.opens()).toInstant(ZoneOffset.UTC);
	}

	private Instant endBeforeNextFreeze(Instant start, DeploymentWindow window, ChangeContext change,
			List<String> reasons) {
		Instant end = window.isAnyTime() ? start.plus(ANY_TIME_SLOT)
				: start.atOffset(ZoneOffset.UTC).toLocalDate().atTime(window.closes()).toInstant(ZoneOffset.UTC);
		Optional<Freeze> next = this.freezes.blockingFreezesStartingBetween(start, end, change)
			.stream()
			.min(Comparator.comparing(Freeze::start));
		if (next.isEmpty()) {
			return end;
		}
		reasons.add(next.get().describe() + ": slot cut to end at " + Utc.format(next.get().start()));
		return next.get().start();
	}

}
