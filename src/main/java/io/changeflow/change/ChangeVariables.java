package io.changeflow.change;

import java.util.Set;

import io.changeflow.security.GuardedVariables;
import org.springframework.stereotype.Component;

/** Who requested and implemented a change, its identity, and what its steps decided: written by the engine only. */
@Component
class ChangeVariables implements GuardedVariables {

	static final String REQUESTER = "requester";

	@Override
	public Set<String> names() {
		return Set.of(REQUESTER, VerifierListener.IMPLEMENTER, ChangeFacts.CHANGE_ID, ChangeFacts.CATEGORY, "outcome",
				"clearToImplement", "scheduledStart", "scheduledEnd");
	}

	// camunda:initiator of every change process
	@Override
	public Set<String> starterNames() {
		return Set.of(REQUESTER);
	}

}
