package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Authorize enactment": only the hash the validators approved; a mismatch fails the job into an incident and nothing is enacted. */
@Component
class AuthorizeEnactmentDelegate implements JavaDelegate {

	private final Enactment enactment;

	AuthorizeEnactmentDelegate(Enactment enactment) {
		this.enactment = enactment;
	}

	@Override
	public void execute(DelegateExecution execution) {
		enactment.authorize(execution);
	}

}
