package io.changeflow.change;

import java.time.Instant;
import java.util.List;

/** The changes not closed yet, as the registry knows them now: what a change manager's dashboard shows. */
public interface OpenChanges {

	/** Every open change, oldest request first. */
	List<OpenChange> open();

	/** Open changes whose booked slot (a runtime upgrade's enactment) overlaps [from, to), by slot start. */
	List<OpenChange> slotsBetween(Instant from, Instant to);

	/**
	 * @param slotStart null until the change was scheduled
	 * @param slotEnd null until scheduled, and for a runtime upgrade (enacted at a block, no window)
	 */
	record OpenChange(String changeId, String category, String title, ChangePhase phase, Instant slotStart,
			Instant slotEnd) {
	}

}
