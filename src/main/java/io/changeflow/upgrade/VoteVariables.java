package io.changeflow.upgrade;

import java.util.Set;

import io.changeflow.security.GuardedVariables;
import org.springframework.stereotype.Component;

/** The electorate, each vote task's validator, the votes, the hash voted on and the outcome: written by the engine only. */
@Component
class VoteVariables implements GuardedVariables {

	@Override
	public Set<String> names() {
		return Set.of(Votes.VALIDATORS, "validator", Votes.VOTES, Votes.OUTCOME, ValidatorVoting.VOTED_HASH,
				ValidatorVoting.TALLY);
	}

}
