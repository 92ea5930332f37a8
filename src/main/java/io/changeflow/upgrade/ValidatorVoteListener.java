package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Assignment and complete listener of "Vote on runtime upgrade": the task stays with its validator, and a refused
 * vote leaves it open.
 */
@Component
class ValidatorVoteListener implements TaskListener {

	private final ValidatorVoting voting;

	ValidatorVoteListener(ValidatorVoting voting) {
		this.voting = voting;
	}

	@Override
	public void notify(DelegateTask task) {
		if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
			voting.assigned(task);
		}
		else {
			voting.cast(task);
		}
	}

}
