package io.changeflow.change;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.FreezeCalendar;
import io.changeflow.policy.Utc;
import org.springframework.stereotype.Component;

/**
 * The deployment gate: may this artifact be deployed to this environment now? Allowed only while the change is cleared
 * to implement (approved, its slot reached and re-checked for freezes by the engine), before its slot ends, outside
 * every freeze that blocks it, and for the artifact the approvals were given to. The engine decides the phase; the
 * gate adds what can change by the minute (slot end, freezes declared since).
 */
@Component
class ChangeGate {

	private final FreezeCalendar freezes;

	private final Clock clock;

	ChangeGate(FreezeCalendar freezes, Clock clock) {
		this.freezes = freezes;
		this.clock = clock;
	}

	/**
	 * @param environment where the pipeline deploys; null: the change's own
	 * @param artifact what the pipeline deploys (commit SHA or WASM hash)
	 */
	Decision decide(ChangeRecord change, String environment, String artifact) {
		Instant now = clock.instant();
		String target = (environment != null) ? environment : change.environment();
		if (change.closed()) {
			return new Decision(GateState.EXPIRED, "The change is closed: " + change.outcome(), null);
		}
		if (change.environment() != null && !change.environment().equals(target)) {
			return new Decision(GateState.PREVENTED,
					"The change was approved for " + change.environment() + ", not " + target, null);
		}
		String artifactProblem = artifactProblem(change, artifact);
		if (artifactProblem != null) {
			return new Decision(GateState.PREVENTED, artifactProblem, null);
		}
		return switch (change.phase()) {
			case REQUESTED -> new Decision(GateState.AWAITING, "Requested: the request is being checked or revised", null);
			case IN_REVIEW -> new Decision(GateState.AWAITING, "In review: awaiting the required approvals", null);
			case AWAITING_CAB -> new Decision(GateState.AWAITING, "Awaiting the CAB's approval", null);
			case SCHEDULED -> scheduled(change, now);
			case IMPLEMENTING -> implementing(change, target, now);
			case VERIFYING, CLOSING -> new Decision(GateState.EXPIRED,
					"Implementation already reported; the change is " + change.phase().value(), null);
			case CLOSED -> throw new IllegalStateException("handled above");
		};
	}

	private static String artifactProblem(ChangeRecord change, String artifact) {
		if (change.artifact() == null) {
			// an emergency is declared before its fix exists; every other change is approved for one artifact
			return "emergency".equals(change.category()) ? null
					: "No artifact (commit SHA or WASM hash) was approved with this change; the gate allows only the"
							+ " approved artifact";
		}
		if (artifact == null || artifact.isBlank()) {
			return "Name the artifact you deploy (artifact=" + change.artifact() + " was approved)";
		}
		if (!change.artifact().toLowerCase(Locale.ROOT).equals(artifact.strip().toLowerCase(Locale.ROOT))) {
			return "Artifact " + artifact.strip() + " is not the approved " + change.artifact();
		}
		return null;
	}

	private static Decision scheduled(ChangeRecord change, Instant now) {
		if (change.slotStart() != null && now.isBefore(change.slotStart())) {
			return new Decision(GateState.AWAITING, "Scheduled: the slot opens at " + Utc.format(change.slotStart()),
					change.slotStart());
		}
		return new Decision(GateState.AWAITING, "The slot has opened: checking freezes before implementation", null);
	}

	private Decision implementing(ChangeRecord change, String target, Instant now) {
		if (change.deployingTo() != null && !change.deployingTo().equals(target)) {
			return new Decision(GateState.AWAITING, "Implementing in " + change.deployingTo() + " first", null);
		}
		if (change.slotEnd() != null && !now.isBefore(change.slotEnd())) {
			return new Decision(GateState.EXPIRED, "The slot ended at " + Utc.format(change.slotEnd()), null);
		}
		var context = new ChangeContext(change.category(), change.changeId(), change.service(), change.environment(),
				ChangeFacts.incidents(change.incidents()));
		var freeze = freezes.blockingFreezeAt(now, context);
		if (freeze.isPresent()) {
			return new Decision(GateState.PREVENTED, freeze.get().describe(), null);
		}
		return new Decision(GateState.ALLOWED, (change.slotEnd() != null)
				? "Approved and inside its slot until " + Utc.format(change.slotEnd()) : "Cleared to implement",
				change.slotEnd());
	}

	/** @param until the slot start while awaiting a scheduled slot, the slot end while allowed, else null */
	record Decision(GateState state, String reason, Instant until) {
	}

}
