package io.changeflow.change;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Record execution outcome": a failed or rolled-back standard change counts towards demoting its type. */
@Component
class RecordExecutionOutcomeDelegate implements JavaDelegate {

	private final StandardTypes types;

	RecordExecutionOutcomeDelegate(StandardTypes types) {
		this.types = types;
	}

	@Override
	public void execute(DelegateExecution execution) {
		types.recordExecution(ChangeFacts.changeId(execution),
				StandardType.parse(execution.getVariable("standardType")).orElseThrow(),
				"failed".equals(execution.getVariable("verificationResult")));
	}

}
