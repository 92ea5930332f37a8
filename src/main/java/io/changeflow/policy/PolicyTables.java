package io.changeflow.policy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Evaluates the DMN tables a change manager edits (approval quorum, testing matrix). The one place that knows how
 * the engine evaluates decisions, so moving engines touches this class only.
 */
@Component
public class PolicyTables {

	private final DecisionService decisions;

	private final ProcessEngineConfigurationImpl engine;

	PolicyTables(DecisionService decisions, ProcessEngineConfiguration engine) {
		this.decisions = decisions;
		this.engine = (ProcessEngineConfigurationImpl) engine;
	}

	/**
	 * Every matching row of the latest version of {@code decisionKey}. Runs without the caller's authorizations: the
	 * policy applies to people who hold no grant on decision definitions (a requester submitting a change).
	 */
	public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> facts) {
		return engine.getCommandExecutorTxRequired()
			.execute(command -> command.runWithoutAuthorization(
					() -> decisions.evaluateDecisionByKey(decisionKey).variables(facts).evaluate().getResultList()));
	}

}
