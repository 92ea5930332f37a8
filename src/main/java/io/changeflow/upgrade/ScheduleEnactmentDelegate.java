package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Schedule enactment": the enactment block, the configured delay after the vote. */
@Component
class ScheduleEnactmentDelegate implements JavaDelegate {

	private final Enactment enactment;

	ScheduleEnactmentDelegate(Enactment enactment) {
		this.enactment = enactment;
	}

	@Override
	public void execute(DelegateExecution execution) {
		enactment.schedule(execution);
	}

}
