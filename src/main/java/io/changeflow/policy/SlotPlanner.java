package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the slots a change may run in: inside its window, outside every freeze that blocks it and clear of other
 * changes' bookings on the same service and environment. Every slot carries the reasons for the times refused
 * before it.
 */
public class SlotPlanner {

	// a refusal list over a whole lookahead of daily freezes would bury the message
	private static final int REFUSALS_SHOWN = 10;

	private final FreezeCalendar freezes;

	private final DeploymentBookings bookings;

	private final DeploymentWindows windows;

	private final Clock clock;

	private final Duration lookahead;

	private final Duration anyTimeSlot;

	SlotPlanner(FreezeCalendar freezes, DeploymentBookings bookings, DeploymentWindows windows, Clock clock,
			Duration lookahead, Duration anyTimeSlot) {
		this.freezes = freezes;
		this.bookings = bookings;
		this.windows = windows;
		this.clock = clock;
		this.lookahead = lookahead;
		this.anyTimeSlot = anyTimeSlot;
	}

	/**
	 * The earliest slot starting at or after both {@code notBefore} and now.
	 * @throws NoSlotException if none starts within the lookahead
	 */
	public Slot earliestSlot(Instant notBefore, DeploymentWindow window, ChangeContext change) {
		return nextSlots(notBefore, window, change, 1).get(0);
	}

	/**
	 * The next {@code count} slots starting at or after both {@code from} and now, fewer if the lookahead holds
	 * fewer. ANY_TIME slots last {@code any-time-slot}, window slots end when the window closes; either is cut
	 * where the next blocking freeze starts. A booking conflicts when it belongs to another change and names the
	 * same service and environment, a missing name matching any (stricter).
	 * @throws NoSlotException if not even one slot starts within the lookahead
	 */
	public List<Slot> nextSlots(Instant from, DeploymentWindow window, ChangeContext change, int count) {
		return nextSlots(from, window, change, count, null);
	}

	/**
	 * The slot a change may use from now, when its booked slot ends at {@code bookedEnd}: planned like any slot, but
	 * ending no later than the booking while that lasts, so the bookings that follow it back to back do not push it
	 * out (its timer always fires a moment after its slot opened). Clear to implement when it starts now.
	 * @throws NoSlotException if not even one slot starts within the lookahead
	 */
	public Slot slotFromNow(Instant bookedEnd, DeploymentWindow window, ChangeContext change) {
		return nextSlots(this.clock.instant(), window, change, 1, bookedEnd).get(0);
	}

	private List<Slot> nextSlots(Instant from, DeploymentWindow window, ChangeContext change, int count,
			Instant bookedEnd) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, was " + count);
		}
		List<String> reasons = new ArrayList<>();
		reasons.add("Requested " + Utc.format(from));
		Instant now = this.clock.instant();
		Instant searchFrom = from;
		if (now.isAfter(from)) {
			searchFrom = now;
			reasons.add("Requested time has passed: starting from now, " + Utc.format(now));
		}
		Instant limit = searchFrom.plus(this.lookahead);
		Instant candidate = searchFrom;
		Set<String> refusals = new LinkedHashSet<>();
		List<Slot> slots = new ArrayList<>();
		while (slots.size() < count) {
			reasons.add(this.windows.label(window));
			Optional<Slot> slot = next(candidate, limit, window, change, reasons, refusals, bookedEnd);
			if (slot.isEmpty()) {
				break;
			}
			slots.add(slot.get());
			candidate = slot.get().end();
			reasons = new ArrayList<>();
			reasons.add("After the previous slot " + Utc.formatRange(slot.get().start(), slot.get().end()));
		}
		if (slots.isEmpty()) {
			throw new NoSlotException(noSlot(window, change, searchFrom, limit, refusals));
		}
		return slots;
	}

	/** @param reasons grows with every time refused, so the slot can tell why it starts where it does */
	private Optional<Slot> next(Instant candidate, Instant limit, DeploymentWindow window, ChangeContext change,
			List<String> reasons, Set<String> refusals, Instant bookedEnd) {
		String movedBy = null;
		while (true) {
			Instant start = firstInstantInWindow(candidate, window);
			if (!start.isBefore(limit)) {
				return Optional.empty();
			}
			if (movedBy != null) {
				reasons.add(movedBy + ": moved to " + Utc.format(start));
			}
			else if (!start.equals(candidate)) {
				reasons.add("Outside the window: moved to " + Utc.format(start));
			}
			Optional<Freeze> freeze = this.freezes.blockingFreezeAt(start, change);
			if (freeze.isPresent()) {
				movedBy = freeze.get().describe();
				refusals.add(movedBy);
				candidate = freeze.get().end();
				continue;
			}
			Instant end = windowEnd(start, window);
			if (bookedEnd != null && start.isBefore(bookedEnd) && bookedEnd.isBefore(end)) {
				end = bookedEnd;
			}
			Optional<Freeze> next = this.freezes.blockingFreezesStartingBetween(start, end, change)
				.stream()
				.findFirst();
			if (next.isPresent()) {
				end = next.get().start();
			}
			Optional<Booking> conflict = firstConflict(start, end, change);
			if (conflict.isPresent()) {
				Booking booking = conflict.get();
				movedBy = "Conflicts with " + booking.changeId() + " '" + booking.title() + "' on "
						+ orAny(booking.service(), "service") + "/" + orAny(booking.environment(), "environment") + " "
						+ Utc.formatRange(booking.start(), booking.end());
				refusals.add(movedBy);
				candidate = booking.end();
				continue;
			}
			next.ifPresent((cut) -> reasons.add(cut.describe() + ": slot cut to end at " + Utc.format(cut.start())));
			return Optional.of(new Slot(start, end, window, reasons));
		}
	}

	private Instant firstInstantInWindow(Instant candidate, DeploymentWindow window) {
		if (window.isAnyTime()) {
			return candidate;
		}
		LocalDate day = candidate.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalTime time = candidate.atOffset(ZoneOffset.UTC).toLocalTime();
		if (time.isBefore(this.windows.opens(window))) {
			return day.atTime(this.windows.opens(window)).toInstant(ZoneOffset.UTC);
		}
		if (time.isBefore(this.windows.closes(window))) {
			return candidate;
		}
		return day.plusDays(1).atTime(this.windows.opens(window)).toInstant(ZoneOffset.UTC);
	}

	private Instant windowEnd(Instant start, DeploymentWindow window) {
		if (window.isAnyTime()) {
			return start.plus(this.anyTimeSlot);
		}
		LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
		return day.atTime(this.windows.closes(window)).toInstant(ZoneOffset.UTC);
	}

	private Optional<Booking> firstConflict(Instant start, Instant end, ChangeContext change) {
		return this.bookings.overlapping(start, end)
			.stream()
			.filter((booking) -> !booking.changeId().equals(change.changeId()))
			.filter((booking) -> same(booking.service(), change.service())
					&& same(booking.environment(), change.environment()))
			.findFirst();
	}

	// a side that does not name its service (environment) may touch any
	private static boolean same(String left, String right) {
		return left == null || right == null || left.equals(right);
	}

	private static String orAny(String name, String kind) {
		return (name != null) ? name : "any " + kind;
	}

	private String noSlot(DeploymentWindow window, ChangeContext change, Instant from, Instant limit,
			Set<String> refusals) {
		String message = "No " + this.windows.label(window) + " slot for a " + change.category() + " change between "
				+ Utc.format(from) + " and " + Utc.format(limit);
		if (refusals.isEmpty()) {
			return message + ": the window does not open in that range";
		}
		String shown = refusals.stream().limit(REFUSALS_SHOWN).collect(Collectors.joining("; "));
		int more = refusals.size() - REFUSALS_SHOWN;
		return message + "; refused by " + shown + ((more > 0) ? "; and " + more + " more" : "");
	}

}
