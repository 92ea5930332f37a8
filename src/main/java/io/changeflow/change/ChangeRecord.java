package io.changeflow.change;

import java.time.Instant;

/**
 * A change as the registry ({@code cf_change}) knows it: what tooling asks about without reading the engine.
 *
 * @param deployingTo the environment of the implementation step running now (a standard change rehearses in staging)
 * @param successful null until closed
 */
record ChangeRecord(String changeId, String category, String processInstanceId, String requester, String title,
		String service, String environment, String incidents, String artifact, String implementation,
		ChangePhase phase, String deployingTo, Instant slotStart, Instant slotEnd, GateState gateState,
		String gateReason, String outcome, Boolean successful, String idempotencyKey, String requestHash,
		Instant createdAt, Instant updatedAt, Instant closedAt) {

	boolean closed() {
		return phase == ChangePhase.CLOSED;
	}

}
