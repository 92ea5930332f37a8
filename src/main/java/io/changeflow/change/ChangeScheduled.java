package io.changeflow.change;

import java.time.Instant;
import java.util.List;

/**
 * A change got its deployment slot. {@code previousStart} is set when a freeze or a missed window moved a change
 * that was already scheduled, so people are told their date changed and why.
 */
public record ChangeScheduled(String changeId, String title, String requester, Instant start, Instant end,
		String window, List<String> reasons, Instant previousStart) {

	public boolean rescheduled() {
		return previousStart != null;
	}

}
