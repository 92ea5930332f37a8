package io.changeflow.audit;

import java.time.Instant;
import java.util.List;

/**
 * The history of changes as their audit trails tell it, for modules that measure it (change metrics). The trail is
 * written by the engine's history and the modules' events in the transaction of each step, so it holds what Camunda's
 * history holds about a change, and more (gates, slots, policy decisions); readers never query its tables.
 */
public interface ChangeHistory {

	/**
	 * Every change whose trail has a row in [from, to), oldest request first: whatever a change did in the period
	 * (requested, approved, deployed, moved, closed) is a row, so every change a KPI of the period counts is here.
	 */
	List<ChangeFacts> activeBetween(Instant from, Instant to);

}
