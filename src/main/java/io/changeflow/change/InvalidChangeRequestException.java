package io.changeflow.change;

import java.util.List;

import io.changeflow.policy.PolicyViolationException;

/** A request the engine refuses to accept; the message names every problem, so one correction fixes them all. */
class InvalidChangeRequestException extends PolicyViolationException {

	InvalidChangeRequestException(List<String> problems) {
		super("Change request is incomplete or invalid: " + String.join("; ", problems), problems);
	}

}
