package io.changeflow.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.changeflow.security.Credentials.Caller;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * /engine-rest is open by default. Camunda's own filter authenticates every call with the {@code Authorization}
 * header as {@link Credentials} read it (HTTP Basic; bearer tokens when an identity provider is configured) and sets
 * the engine's current authentication with the caller's groups, so authorizations and our separation-of-duties
 * checks know who acts. A call without valid credentials gets the filter's bodiless 401 with our challenges.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(Credentials credentials) {
		var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(
				new Filter(new Provider(credentials)));
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns("/engine-rest/*");
		return registration;
	}

	/**
	 * Camunda's filter with our provider instance (Camunda would instantiate a provider class by its name), for every
	 * call: Camunda's lets the list of engines ({@code /engine-rest/engine}) through anonymously.
	 */
	static class Filter extends ProcessEngineAuthenticationFilter {

		Filter(AuthenticationProvider provider) {
			this.authenticationProvider = provider;
		}

		@Override
		public void init(FilterConfig config) {
			this.servletPathPrefix = config.getInitParameter(SERVLET_PATH_PREFIX);
		}

		@Override
		protected boolean requiresEngineAuthentication(String requestUrl) {
			return true;
		}

	}

	// the application runs one engine, whose identity service Credentials asks
	record Provider(Credentials credentials) implements AuthenticationProvider {

		@Override
		public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization == null || !(this.credentials.authenticate(authorization) instanceof Caller caller)) {
				return AuthenticationResult.unsuccessful();
			}
			var result = AuthenticationResult.successful(caller.userId());
			result.setGroups(caller.groupIds());
			return result;
		}

		@Override
		public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
			this.credentials.challenges()
				.forEach((challenge) -> response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
		}

	}

}
