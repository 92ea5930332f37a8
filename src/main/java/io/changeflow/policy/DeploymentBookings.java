package io.changeflow.policy;

import java.time.Instant;
import java.util.List;

/** Which change holds which slot; the {@link SlotPlanner} plans around other changes' bookings. */
public interface DeploymentBookings {

	/** Books the slot for this change, replacing any earlier booking of it (a rescheduled change moves). */
	void book(String changeId, String title, String service, String environment, Slot slot);

	/** Frees the change's slot, if it has one (the change ran, was rejected or expired). */
	void release(String changeId);

	/** Bookings overlapping [from, to), ordered by start. */
	List<Booking> overlapping(Instant from, Instant to);

}
