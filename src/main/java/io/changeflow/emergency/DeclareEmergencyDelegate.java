package io.changeflow.emergency;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Declare emergency": runs in the starting transaction, so a refused declaration starts nothing. */
@Component
class DeclareEmergencyDelegate implements JavaDelegate {

	private final EmergencyDeclarations declarations;

	DeclareEmergencyDelegate(EmergencyDeclarations declarations) {
		this.declarations = declarations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		declarations.declare(execution);
	}

}
