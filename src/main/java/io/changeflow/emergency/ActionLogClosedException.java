package io.changeflow.emergency;

/** An entry for an emergency that is past its implementation (or over): the log of the work is closed. */
class ActionLogClosedException extends RuntimeException {

	ActionLogClosedException(String changeId) {
		super("Emergency change " + changeId + " is past its implementation; its action log is closed");
	}

}
