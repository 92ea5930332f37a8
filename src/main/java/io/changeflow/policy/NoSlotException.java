package io.changeflow.policy;

/** No slot within the lookahead: the message names the window, the change and what refused every candidate. */
public class NoSlotException extends RuntimeException {

	NoSlotException(String message) {
		super(message);
	}

}
