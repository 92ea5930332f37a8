package io.changeflow.change;

import io.changeflow.policy.PolicyDecisionLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check eligibility": an incomplete request is refused (nothing starts); a complete one is either a pre-approved
 * standard change or goes on to be converted into a normal change. A standard change is low risk by definition
 * (002 §3.1); where 000 asks for one reviewer, the peer review uses that change type's approval policy.
 */
@Component
class CheckEligibilityDelegate implements JavaDelegate {

	private final StandardEligibility eligibility;

	private final PolicyDecisionLog decisions;

	CheckEligibilityDelegate(StandardEligibility eligibility, PolicyDecisionLog decisions) {
		this.eligibility = eligibility;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		ChangeFacts.requester(execution);
		var result = eligibility.check(execution.getVariables());
		execution.setVariable("eligible", result.eligible());
		execution.setVariable("peerReviewRequired", result.eligible() && result.peerReview());
		execution.setVariable("eligibilityRule", result.rule());
		execution.setVariable("riskLevel", "low");
		if (result.type().reviewedAs != null) {
			execution.setVariable("changeType", result.type().reviewedAs.value);
		}
		decisions.record(execution, "Check eligibility",
				(result.eligible() ? "Pre-approved standard change. " : "Not a standard change. ") + result.rule());
	}

}
