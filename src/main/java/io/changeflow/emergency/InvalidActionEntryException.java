package io.changeflow.emergency;

/** An action log entry that cannot be stored as sent (blank, too long). */
class InvalidActionEntryException extends RuntimeException {

	InvalidActionEntryException(String message) {
		super(message);
	}

}
