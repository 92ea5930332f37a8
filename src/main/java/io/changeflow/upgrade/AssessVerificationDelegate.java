package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Assess verification": runs in the transaction that reports the verification (task or external task). */
@Component
class AssessVerificationDelegate implements JavaDelegate {

	private final Enactment enactment;

	AssessVerificationDelegate(Enactment enactment) {
		this.enactment = enactment;
	}

	@Override
	public void execute(DelegateExecution execution) {
		enactment.assessVerification(execution);
	}

}
