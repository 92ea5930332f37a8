package io.changeflow.policy;

import java.time.Instant;
import java.util.List;

/**
 * One kind of freeze (holiday, declared, post-incident...). Deliberately not a
 * {@link FreezeCalendar}: {@link CompositeFreezeCalendar} collects every source bean,
 * so adding a kind of freeze is adding a bean.
 */
interface FreezeSource {

	/** Freezes that block this change and overlap [from, to). */
	List<Freeze> blockingFreezesOverlapping(Instant from, Instant to, ChangeContext change);

}
