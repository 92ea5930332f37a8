package io.changeflow.change;

import java.util.HashMap;
import java.util.List;

import io.changeflow.policy.PolicyDecisionLog;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * "Convert to normal change": a request that is not a pre-approved standard change is never accepted silently. It
 * becomes a change-normal instance with the same change id, waiting for its requester to complete the normal
 * request, and both changes point at each other.
 */
@Component
class ConvertToNormalChangeDelegate implements JavaDelegate {

	static final String MESSAGE = "StandardChangeConverted";

	/** What the standard request already says that the normal request asks for too. */
	static final List<String> CARRIED_OVER = List.of("requester", "title", "summary", "service", "environment",
			"affectedPaths", "implementationPlan", "rollbackPlan", "changeType", "relatedIncident", "implementation",
			PolicyDecisionLog.VARIABLE);

	private final RuntimeService runtime;

	private final PolicyDecisionLog decisions;

	ConvertToNormalChangeDelegate(RuntimeService runtime, PolicyDecisionLog decisions) {
		this.runtime = runtime;
		this.decisions = decisions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String changeId = ChangeFacts.changeId(execution);
		// recorded first, so the normal change carries the decision that created it
		decisions.record(execution, "Convert to normal change",
				"Continues as a normal change with the same id " + changeId);
		var variables = new HashMap<String, Object>();
		CARRIED_OVER.forEach(name -> variables.put(name, execution.getVariable(name)));
		variables.put("convertedFrom", execution.getProcessInstanceId());
		variables.put("reviewFeedback", "Not eligible as a standard change: " + execution.getVariable("eligibilityRule")
				+ ". Complete the normal change request (justification, impact, risk, testing evidence, requested date)"
				+ " and submit it for review.");
		// the policy converts, not the requester: it needs no right to start normal changes of its own
		var normal = Context.getCommandContext()
			.runWithoutAuthorization(() -> runtime.createMessageCorrelation(MESSAGE)
				.processInstanceBusinessKey(changeId)
				.setVariables(variables)
				.correlateStartMessage());
		execution.setVariable("convertedTo", normal.getId());
		execution.setVariable("outcome", "Converted to normal change " + normal.getId());
	}

}
