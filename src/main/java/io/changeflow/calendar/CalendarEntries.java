package io.changeflow.calendar;

import java.time.Instant;
import java.util.List;

/** Where the calendar's entries come from; the page knows nothing of how the policy stores them. */
interface CalendarEntries {

	/** Every entry overlapping [from, to), in any order. */
	List<CalendarEntry> between(Instant from, Instant to);

}
