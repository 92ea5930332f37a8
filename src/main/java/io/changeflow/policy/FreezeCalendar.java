package io.changeflow.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Answers whether freezes block a given change. */
public interface FreezeCalendar {

	/** The freeze in force at {@code at} that blocks this change; the one ending latest if several. */
	Optional<Freeze> blockingFreezeAt(Instant at, ChangeContext change);

	/** Freezes blocking this change that start in [from, to), ordered by start; lets a slot stop before one. */
	List<Freeze> blockingFreezesStartingBetween(Instant from, Instant to, ChangeContext change);

	/** Every freeze of every kind overlapping [from, to), whatever it blocks, ordered by start: for listings. */
	List<Freeze> freezesOverlapping(Instant from, Instant to);

}
