package io.changeflow.policy;

import java.time.Instant;
import java.util.List;

/**
 * One kind of freeze (holiday, declared, post-incident...). Deliberately not a
 * {@link FreezeCalendar}: {@link CompositeFreezeCalendar} collects every source bean,
 * so adding a kind of freeze is adding a bean.
 */
interface FreezeSource {

	/** Every freeze overlapping [from, to); which changes it blocks is {@link Freeze#blocks}'s business. */
	List<Freeze> freezesOverlapping(Instant from, Instant to);

}
