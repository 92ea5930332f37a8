package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record recovery": manual intervention or hard fork. */
@Component
class RecordRecoveryDelegate implements JavaDelegate {

	private final Recovery recovery;

	RecordRecoveryDelegate(Recovery recovery) {
		this.recovery = recovery;
	}

	@Override
	public void execute(DelegateExecution execution) {
		recovery.record(execution);
	}

}
