package io.changeflow.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.system.StringVariables;
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

	private static final String EARLIER = "Earlier decisions";

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
		decisions.add(new PolicyDecision(at.toString(), gate, cut(decision)));
		change.setVariable(VARIABLE, fitting(decisions));
		events.publishEvent(new PolicyDecided((String) change.getVariable("changeId"), gate, decision, at));
	}

	// the newest decisions that fit into a String variable, the oldest left to the audit trail
	private String fitting(List<PolicyDecision> decisions) {
		try {
			String written = json.writeValueAsString(decisions);
			while (written.length() > StringVariables.MAX_LENGTH) {
				decisions.remove(decisions.get(0).gate().equals(EARLIER) ? 1 : 0);
				if (!decisions.get(0).gate().equals(EARLIER)) {
					decisions.add(0, new PolicyDecision(decisions.get(0).at(), EARLIER,
							"Earlier decisions are in the audit trail"));
				}
				written = json.writeValueAsString(decisions);
			}
			return written;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write " + VARIABLE, ex);
		}
	}

	// one decision alone must leave room for the list around it
	private static String cut(String decision) {
		int room = StringVariables.MAX_LENGTH / 2;
		return (decision.length() <= room) ? decision : decision.substring(0, room) + " … (in full in the audit trail)";
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
