package io.changeflow.approval;

/** An approval the engine refuses: the task stays open and the caller sees why. */
class ApprovalRefusedException extends RuntimeException {

	ApprovalRefusedException(String message) {
		super(message);
	}

}
