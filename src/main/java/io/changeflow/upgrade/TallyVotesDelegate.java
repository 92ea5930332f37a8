package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Tally votes" after the voting period ended undecided. */
@Component
class TallyVotesDelegate implements JavaDelegate {

	private final ValidatorVoting voting;

	TallyVotesDelegate(ValidatorVoting voting) {
		this.voting = voting;
	}

	@Override
	public void execute(DelegateExecution execution) {
		voting.close(execution);
	}

}
