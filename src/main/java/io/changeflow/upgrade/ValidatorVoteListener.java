package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Complete listener of "Vote on runtime upgrade": a refused vote leaves the task open. */
@Component
class ValidatorVoteListener implements TaskListener {

	private final ValidatorVoting voting;

	ValidatorVoteListener(ValidatorVoting voting) {
		this.voting = voting;
	}

	@Override
	public void notify(DelegateTask task) {
		voting.cast(task);
	}

}
