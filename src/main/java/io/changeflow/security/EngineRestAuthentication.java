package io.changeflow.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * /engine-rest is open by default. Camunda's own filter authenticates every call with HTTP Basic against the
 * engine's identity service and sets the engine's current authentication, so authorizations and our
 * separation-of-duties checks know who acts.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
		var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(new EveryCall());
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns("/engine-rest/*");
		registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName());
		return registration;
	}

	/** Camunda's filter lets the list of engines ({@code /engine-rest/engine}) through anonymously; this one nothing. */
	static class EveryCall extends ProcessEngineAuthenticationFilter {

		@Override
		protected boolean requiresEngineAuthentication(String requestUrl) {
			return true;
		}

	}

}
