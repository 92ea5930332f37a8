package io.changeflow.upgrade;

import java.util.List;

import io.changeflow.policy.PolicyViolationException;

/** A proposal or report the engine refuses to accept; the message names every problem, so one correction fixes them all. */
class InvalidRuntimeUpgradeException extends PolicyViolationException {

	InvalidRuntimeUpgradeException(String what, List<String> problems) {
		super(what + ": " + String.join("; ", problems), problems);
	}

}
