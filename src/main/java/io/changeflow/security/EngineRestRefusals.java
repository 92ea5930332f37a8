package io.changeflow.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /engine-rest answers a separation-of-duties refusal with 403 and its reason. The engine wraps what a task listener
 * throws in a plain ProcessEngineException, and the task resources wrap that again in a RestException, both of which
 * Camunda answers with 500; these mappers find the refusal inside and leave every other exception to Camunda's
 * handling, which they call as Camunda's own mappers do.
 */
final class EngineRestRefusals {

	private EngineRestRefusals() {
	}

	static Response toResponse(Exception exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof SeparationOfDutiesException refusal) {
				return ExceptionHandlerHelper.getInstance().getResponse(refusal);
			}
		}
		return ExceptionHandlerHelper.getInstance().getResponse(exception);
	}

	// ahead of Camunda's mappers for the same types, which have the default priority
	@Priority(1)
	static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {

		@Override
		public Response toResponse(ProcessEngineException exception) {
			return EngineRestRefusals.toResponse(exception);
		}

	}

	@Priority(1)
	static class RestExceptions implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException exception) {
			return EngineRestRefusals.toResponse(exception);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		ResourceConfigCustomizer engineRestRefusals() {
			return config -> config.register(EngineExceptions.class).register(RestExceptions.class);
		}

	}

}
