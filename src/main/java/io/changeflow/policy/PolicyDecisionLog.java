package io.changeflow.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every decision the policy takes for a change (rule that fired, window chosen, freeze hit, evidence missing), kept
 * on the change as the readable JSON variable "policyDecisions" for the forms, and announced as {@link PolicyDecided} so
 * the audit trail shows why, not just what.
 */
@Component
public class PolicyDecisionLog {

	public static final String VARIABLE = "policyDecisions";

	private static final TypeReference<List<PolicyDecision>> LIST = new TypeReference<>() {
	};

	private final ObjectMapper json;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	PolicyDecisionLog(ObjectMapper json, Clock clock, ApplicationEventPublisher events) {
		this.json = json;
		this.clock = clock;
		this.events = events;
	}

	/** Appends one decision taken at {@code gate} (e.g. "Schedule change"). */
	public void record(VariableScope change, String gate, String decision) {
		var decisions = new ArrayList<>(read(change));
		var at = clock.instant();
		decisions.add(new PolicyDecision(at.toString(), gate, decision));
		try {
			change.setVariable(VARIABLE, json.writeValueAsString(decisions));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write " + VARIABLE, ex);
		}
		events.publishEvent(new PolicyDecided((String) change.getVariable("changeId"), gate, decision, at));
	}

	public List<PolicyDecision> read(VariableScope change) {
		Object stored = change.getVariable(VARIABLE);
		if (stored == null) {
			return List.of();
		}
		try {
			return json.readValue(stored.toString(), LIST);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Variable " + VARIABLE + " is not a decision list: " + stored, ex);
		}
	}

	/** @param at ISO-8601 instant */
	public record PolicyDecision(String at, String gate, String decision) {
	}

}
