package io.changeflow.security;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A step refused by separation of duties. An authorization failure to Camunda, so /engine-rest answers 403 when the
 * engine does not wrap it (see {@link EngineRestRefusals} for the case it does).
 */
public class SeparationOfDutiesException extends AuthorizationException {

	SeparationOfDutiesException(String message) {
		super(message);
	}

}
