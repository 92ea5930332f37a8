package io.changeflow.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The decisions of the current approval round, kept as a readable JSON variable "approvals". A round starts when the
 * required reviews are determined and restarts after every rework, so approvals never survive a revised request.
 */
@Component
class ApprovalRound {

	static final String APPROVALS = "approvals";

	static final String SUMMARY = "approvalSummary";

	private static final TypeReference<List<Approval>> LIST = new TypeReference<>() {
	};

	private final ObjectMapper json;

	ApprovalRound(ObjectMapper json) {
		this.json = json;
	}

	void start(VariableScope scope, ApprovalStage... stages) {
		write(scope, List.of());
		for (ApprovalStage stage : stages) {
			scope.setVariable(stage.outcomeVariable, ApprovalStage.PENDING);
		}
	}

	List<Approval> read(VariableScope scope) {
		return parse(scope.getVariable(APPROVALS));
	}

	/** @param stored the value of variable {@value #APPROVALS} */
	List<Approval> parse(Object stored) {
		if (stored == null) {
			return List.of();
		}
		try {
			return json.readValue((String) stored, LIST);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Variable '" + APPROVALS + "' is not a list of approvals", ex);
		}
	}

	void add(VariableScope scope, Approval approval) {
		var approvals = new ArrayList<>(read(scope));
		approvals.add(approval);
		write(scope, approvals);
	}

	private void write(VariableScope scope, List<Approval> approvals) {
		try {
			scope.setVariable(APPROVALS, json.writeValueAsString(approvals));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot store approvals", ex);
		}
		scope.setVariable(SUMMARY, approvals.stream()
			.map(a -> a.user() + " (" + SlotLabels.of(a.slot()) + "): " + a.decision().value + " at " + a.at())
			.collect(Collectors.joining("\n")));
	}

}
