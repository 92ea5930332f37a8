package io.changeflow.upgrade;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Start forward fix": a new runtime upgrade proposal linked to this one (002 §9.2). */
@Component
class StartForwardFixDelegate implements JavaDelegate {

	private final Recovery recovery;

	StartForwardFixDelegate(Recovery recovery) {
		this.recovery = recovery;
	}

	@Override
	public void execute(DelegateExecution execution) {
		recovery.startForwardFix(execution);
	}

}
