package io.changeflow.change;

import java.time.Instant;

/**
 * The gate of a change's target environment changed state. Published inside the transaction that noticed it.
 * {@code until} is the slot start while awaiting a scheduled slot, the slot end while allowed, else null.
 */
public record GateChanged(String changeId, String environment, GateState state, String reason, Instant until,
		Instant at) {

}
