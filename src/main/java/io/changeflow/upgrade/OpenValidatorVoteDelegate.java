package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Open validator vote": fixes who votes, on which hash, until when. */
@Component
class OpenValidatorVoteDelegate implements JavaDelegate {

	private final ValidatorVoting voting;

	OpenValidatorVoteDelegate(ValidatorVoting voting) {
		this.voting = voting;
	}

	@Override
	public void execute(DelegateExecution execution) {
		voting.open(execution);
	}

}
