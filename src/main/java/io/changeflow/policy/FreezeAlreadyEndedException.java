package io.changeflow.policy;

/** A freeze can be ended once, and only before it runs out. */
public class FreezeAlreadyEndedException extends RuntimeException {

	FreezeAlreadyEndedException(Freeze freeze) {
		super(freeze.describe() + " has already ended");
	}

}
