package io.changeflow.upgrade;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The votes cast so far, kept on the change as the readable JSON variable "votes" (not a Java-serialized list), and
 * the validators as the comma-separated variable "validators".
 */
@Component
class Votes {

	static final String VOTES = "votes";

	static final String VALIDATORS = "validators";

	static final String OUTCOME = "voteOutcome";

	private static final TypeReference<List<Vote>> LIST = new TypeReference<>() {
	};

	private final ObjectMapper json;

	private final ValidatorList validatorList;

	Votes(ObjectMapper json, ValidatorList validatorList) {
		this.json = json;
		this.validatorList = validatorList;
	}

	List<Vote> read(VariableScope change) {
		return parse(change.getVariable(VOTES));
	}

	/** @param stored the value of variable {@value #VOTES} */
	List<Vote> parse(Object stored) {
		if (stored == null) {
			return List.of();
		}
		try {
			return json.readValue(stored.toString(), LIST);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Variable " + VOTES + " is not a vote list: " + stored, ex);
		}
	}

	void write(VariableScope change, List<Vote> votes) {
		try {
			change.setVariable(VOTES, json.writeValueAsString(votes));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write " + VOTES, ex);
		}
	}

	void add(VariableScope change, Vote vote) {
		var votes = new ArrayList<>(read(change));
		votes.add(vote);
		write(change, votes);
	}

	List<String> validators(VariableScope change) {
		return validators(change.getVariable(VALIDATORS));
	}

	/** @param stored the value of variable {@value #VALIDATORS} */
	List<String> validators(Object stored) {
		return (stored == null) ? List.of() : validatorList.of(stored.toString());
	}

	VoteTally tally(VariableScope change) {
		List<Vote> votes = read(change);
		int ayes = (int) votes.stream().filter(Vote::aye).count();
		return new VoteTally(validators(change).size(), ayes, votes.size() - ayes);
	}

}
