package io.changeflow.change;

import io.changeflow.policy.RiskLevel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check change request": runs in the transaction that submits the request, so an incomplete request is refused
 * (nothing is started or completed) with a message naming each problem.
 */
@Component
class CheckChangeRequestDelegate implements JavaDelegate {

	private final ChangeRequestValidator validator;

	CheckChangeRequestDelegate(ChangeRequestValidator validator) {
		this.validator = validator;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ChangeFacts.requester(execution);
		var problems = validator.problems(execution.getVariables());
		if (!problems.isEmpty()) {
			throw new InvalidChangeRequestException(problems);
		}
		// one spelling downstream (DMN, windows), whatever the client sent
		execution.setVariable("riskLevel",
				RiskLevel.parse(execution.getVariable("riskLevel").toString()).name().toLowerCase());
	}

}
