package io.changeflow.emergency;

import java.util.List;

import io.changeflow.policy.PolicyViolationException;

/** A declaration or step the engine refuses; nothing is started or completed, and the message names every problem. */
class EmergencyRefusedException extends PolicyViolationException {

	EmergencyRefusedException(String what, List<String> problems) {
		super(what + ": " + String.join("; ", problems), problems);
	}

}
