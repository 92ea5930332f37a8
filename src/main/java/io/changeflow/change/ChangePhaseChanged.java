package io.changeflow.change;

import java.time.Instant;

/**
 * A change entered another phase. Published inside the transaction that moved it, so listeners that write (outbox,
 * audit) commit or roll back with the move. {@code outcome} is set once the change is closed.
 */
public record ChangePhaseChanged(String changeId, String category, ChangePhase previous, ChangePhase phase,
		String outcome, Instant at) {

}
