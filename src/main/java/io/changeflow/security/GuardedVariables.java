package io.changeflow.security;

import java.util.Set;

/**
 * Variables whose values are decisions or identities the engine records itself (approvals, outcomes, votes, who
 * requested or implemented). Each module names its own; {@link VariableGuard} refuses every write to them that does
 * not come from the engine's own steps.
 */
public interface GuardedVariables {

	Set<String> names();

	/** Of {@link #names()}, those a process sets from whoever starts it: a start may name only its starter. */
	default Set<String> starterNames() {
		return Set.of();
	}

}
