package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record enacted release": runs in the transaction that reports the migration (task or external task), so a report of another artifact is refused. */
@Component
class RecordEnactedReleaseDelegate implements JavaDelegate {

	private final Enactment enactment;

	RecordEnactedReleaseDelegate(Enactment enactment) {
		this.enactment = enactment;
	}

	@Override
	public void execute(DelegateExecution execution) {
		enactment.recordRelease(execution);
	}

}
