package io.changeflow.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link DeploymentBookings} for planner tests that need no database. */
class InMemoryBookings implements DeploymentBookings {

	private final List<Booking> bookings = new ArrayList<>();

	/** Planner tests run on one thread. */
	@Override
	public void lockForPlanning() {
	}

	@Override
	public void book(String changeId, String title, String service, String environment, Slot slot) {
		release(changeId);
		this.bookings.add(new Booking(changeId, title, service, environment, slot.start(), slot.end(), slot.window()));
	}

	@Override
	public void release(String changeId) {
		this.bookings.removeIf((booking) -> booking.changeId().equals(changeId));
	}

	@Override
	public List<Booking> overlapping(Instant from, Instant to) {
		return this.bookings.stream()
			.filter((booking) -> booking.start().isBefore(to) && booking.end().isAfter(from))
			.sorted(Comparator.comparing(Booking::start))
			.toList();
	}

}
