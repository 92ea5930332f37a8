package io.changeflow.upgrade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

import io.changeflow.policy.PolicyDecisionLog;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * A runtime upgrade that failed verification is never rolled back automatically (002 §9.2): it is fixed forward by a
 * new proposal, or validators intervene manually, or, as the last resort, the chain is hard-forked — each recorded.
 */
@Service
class Recovery {

	static final String FORWARD_FIX = "forward-fix";

	static final List<String> OPTIONS = List.of(FORWARD_FIX, "manual-intervention", "hard-fork");

	static final String FORWARD_FIX_MESSAGE = "RuntimeUpgradeForwardFixRequested";

	static final String GATE = "Decide recovery";

	private final PolicyDecisionLog decisions;

	Recovery(PolicyDecisionLog decisions) {
		this.decisions = decisions;
	}

	/** Complete listener of "Decide recovery": one of the 002 §9.2 options, with notes. */
	void checkDecision(DelegateTask task) {
		String recovery = Objects.toString(task.getVariable("recovery"), "");
		var problems = new ArrayList<String>();
		if (!OPTIONS.contains(recovery)) {
			problems.add("recovery '" + recovery + "' is not one of " + String.join(", ", OPTIONS)
					+ " (no automatic rollback, 002 §9.2)");
		}
		if (Objects.toString(task.getVariable("recoveryNotes"), "").isBlank()) {
			problems.add("recoveryNotes is required");
		}
		if (!problems.isEmpty()) {
			throw new InvalidRuntimeUpgradeException("Cannot complete '" + task.getName() + "'", problems);
		}
	}

	/** Manual intervention or hard fork: recorded as such, with who decided it in the task history. */
	void record(DelegateExecution change) {
		String recovery = (String) change.getVariable("recovery");
		String label = "hard-fork".equals(recovery) ? "hard fork" : "manual intervention";
		change.setVariable("outcome", "Not verified: recovered by " + label);
		decisions.record(change, GATE, "Recovery by " + label + " (002 §9.2): " + change.getVariable("recoveryNotes"));
	}

	/**
	 * Starts a new runtime upgrade proposal for the same spec, waiting for this proposal's requester to revise it, and
	 * links both changes.
	 */
	void startForwardFix(DelegateExecution change) {
		String changeId = (String) change.getVariable("changeId");
		var variables = new HashMap<String, Object>();
		variables.put("requester", change.getVariable("requester"));
		variables.put("title", "Forward fix: " + change.getVariable("title"));
		variables.put("specName", change.getVariable("specName"));
		variables.put("forwardFixOf", changeId);
		variables.put("reviewFeedback", "Forward fix of " + changeId + " (" + change.getVariable("specName") + " "
				+ change.getVariable("specVersion") + "). " + change.getVariable("verificationFindings") + " Recovery notes: "
				+ change.getVariable("recoveryNotes"));
		RuntimeService runtime = change.getProcessEngineServices().getRuntimeService();
		// the engine starts it on behalf of the requester, whoever decided the recovery
		ProcessInstance fix = Context.getCommandContext()
			.runWithoutAuthorization(() -> runtime.createMessageCorrelation(FORWARD_FIX_MESSAGE)
				.setVariables(variables)
				.correlateStartMessage());
		String fixId = (String) Context.getCommandContext()
			.runWithoutAuthorization(() -> runtime.getVariable(fix.getId(), "changeId"));
		change.setVariable("forwardFixChangeId", fixId);
		change.setVariable("outcome", "Not verified: forward fix " + fixId);
		decisions.record(change, GATE, "Forward fix (002 §9.2): new runtime upgrade proposal " + fixId
				+ ", no automatic rollback. " + change.getVariable("recoveryNotes"));
	}

}
