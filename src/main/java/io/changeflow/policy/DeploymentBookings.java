package io.changeflow.policy;

import java.time.Instant;
import java.util.List;

/** Which change holds which slot; the {@link SlotPlanner} plans around other changes' bookings. */
public interface DeploymentBookings {

	/**
	 * Makes other nodes and threads that plan a slot wait until this transaction ends: call it before planning, so
	 * two changes scheduled at the same moment cannot both book the same free slot.
	 */
	void lockForPlanning();

	/** Books the slot for this change, replacing any earlier booking of it (a rescheduled change moves). */
	void book(String changeId, String title, String service, String environment, Slot slot);

	/** Frees the change's slot, if it has one (the change ran, was rejected or expired). */
	void release(String changeId);

	/** Bookings overlapping [from, to), ordered by start. */
	List<Booking> overlapping(Instant from, Instant to);

}
