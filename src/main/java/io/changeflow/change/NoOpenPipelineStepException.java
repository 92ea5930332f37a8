package io.changeflow.change;

/** The change has no pipeline step to report on now, or a worker is working on it. */
class NoOpenPipelineStepException extends RuntimeException {

	NoOpenPipelineStepException(String message) {
		super(message);
	}

}
