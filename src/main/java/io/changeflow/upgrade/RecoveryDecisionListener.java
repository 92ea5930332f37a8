package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Complete listener of "Decide recovery": only the 002 §9.2 options, never a rollback. */
@Component
class RecoveryDecisionListener implements TaskListener {

	private final Recovery recovery;

	RecoveryDecisionListener(Recovery recovery) {
		this.recovery = recovery;
	}

	@Override
	public void notify(DelegateTask task) {
		recovery.checkDecision(task);
	}

}
