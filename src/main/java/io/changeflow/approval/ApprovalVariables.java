package io.changeflow.approval;

import java.util.HashSet;
import java.util.Set;

import io.changeflow.security.GuardedVariables;
import org.springframework.stereotype.Component;

/** The slots of each approval stage, the decisions made and their outcome: written by the engine only. */
@Component
class ApprovalVariables implements GuardedVariables {

	@Override
	public Set<String> names() {
		var names = new HashSet<>(Set.of(ApprovalRound.APPROVALS, ApprovalRound.SUMMARY, ApprovalTaskListener.SLOT));
		for (ApprovalStage stage : ApprovalStage.values()) {
			names.add(stage.slotsVariable);
			names.add(stage.outcomeVariable);
		}
		return Set.copyOf(names);
	}

}
