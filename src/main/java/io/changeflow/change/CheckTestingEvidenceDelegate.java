package io.changeflow.change;

import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.policy.TestingMatrix;
import io.changeflow.policy.TestingMatrix.Evidence;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check testing evidence" (002 §7.1, SOC 2 CC8.2): before the CAB sees a change, the evidence its type requires
 * must be shown. Missing evidence is an expected outcome: the gateway sends the change back to the requester with
 * the list of what is missing as feedback.
 */
@Component
class CheckTestingEvidenceDelegate implements JavaDelegate {

	private final TestingMatrix matrix;

	private final PolicyDecisionLog decisions;

	CheckTestingEvidenceDelegate(TestingMatrix matrix, PolicyDecisionLog decisions) {
		this.matrix = matrix;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var check = matrix.check((String) execution.getVariable("changeType"),
				new Evidence(shown(execution, "testUnit"), shown(execution, "testIntegration"),
						shown(execution, "testStaging"), shown(execution, "testCanary")));
		execution.setVariable("testingEvidenceComplete", check.complete());
		execution.setVariable("testingEvidenceRule", check.rule());
		execution.setVariable("testingEvidenceAdvice", check.advice());
		String decision;
		if (check.complete()) {
			decision = "Evidence complete. " + check.rule();
		}
		else {
			decision = "Testing evidence missing before CAB: " + String.join(", ", check.missing()) + ". "
					+ check.rule();
			execution.setVariable("reviewFeedback", decision);
		}
		execution.setVariable("missingEvidence", String.join(", ", check.missing()));
		decisions.record(execution, "Check testing evidence",
				check.advice() == null ? decision : decision + " " + check.advice());
	}

	private static boolean shown(DelegateExecution execution, String variable) {
		return Boolean.TRUE.equals(execution.getVariable(variable));
	}

}
