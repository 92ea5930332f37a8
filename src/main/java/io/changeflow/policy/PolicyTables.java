package io.changeflow.policy;

import java.util.List;
import java.util.Map;

import io.changeflow.system.Privileged;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Evaluates the DMN tables a change manager edits (approval quorum, testing matrix). The one place that knows how
 * the engine evaluates decisions, so moving engines touches this class only.
 */
@Component
public class PolicyTables {

	private final DecisionService decisions;

	private final Privileged privileged;

	PolicyTables(DecisionService decisions, Privileged privileged) {
		this.decisions = decisions;
		this.privileged = privileged;
	}

	/**
	 * Every matching row of the latest version of {@code decisionKey}. Runs without the caller's authorizations: the
	 * policy applies to people who hold no grant on decision definitions (a requester submitting a change).
	 */
	public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> facts) {
		return privileged
			.run(() -> decisions.evaluateDecisionByKey(decisionKey).variables(facts).evaluate().getResultList());
	}

}
