package io.changeflow.policy;

import java.time.Instant;

/** The policy took a decision for a change (see {@link PolicyDecisionLog}); published in the deciding transaction. */
public record PolicyDecided(String changeId, String gate, String decision, Instant at) {
}
