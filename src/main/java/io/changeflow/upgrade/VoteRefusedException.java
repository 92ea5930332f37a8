package io.changeflow.upgrade;

/** A vote the engine refuses; the task stays open. */
class VoteRefusedException extends RuntimeException {

	VoteRefusedException(String message) {
		super("Vote refused: " + message);
	}

}
