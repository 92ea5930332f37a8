package io.changeflow.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Nothing answers anonymously that is not meant to. Every request that the other guards do not cover — the actuator,
 * the OpenAPI description and Swagger UI, static resources and webjars, the error page, unknown paths, whatever a
 * future controller or library maps — is authenticated as {@code /api} is (HTTP Basic, or a webapp login for reads).
 * Anonymous remain only the health probes that load balancers and Kubernetes call, the root's redirect to the webapp
 * login, and the Camunda webapps: their pages and assets are the login, their API Camunda guards itself.
 */
class AuthenticationRequired extends OncePerRequestFilter {

	/** After the security headers and the request size limit, before the role checks that need the caller. */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	/**
	 * The probes (UP or DOWN, no details: management.endpoint.health.show-details) and the way to the login: the
	 * root's redirect, and the first-visit check the webapps' login page sends to {@code /camunda-welcome} (nothing
	 * answers it here: 404). A Basic challenge to that call would open the browser's password dialog over the login.
	 */
	private static final Set<String> ANONYMOUS = Set.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness", "/", "/camunda-welcome");

	private final Filter authentication;

	/** Servlet URL patterns of the paths that other filters or the webapps authenticate. */
	private final List<String> guardedElsewhere;

	AuthenticationRequired(Filter authentication, List<String> guardedElsewhere) {
		this.authentication = authentication;
		this.guardedElsewhere = List.copyOf(guardedElsewhere);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = pathOf(request);
		return ANONYMOUS.contains(path) || this.guardedElsewhere.stream().anyMatch((pattern) -> matches(pattern, path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		this.authentication.doFilter(request, response, chain);
	}

	/**
	 * The path as the container decoded and normalised it to choose filters and servlet; never the raw request URI,
	 * where {@code /camunda/%2e%2e/actuator/prometheus} would pass for the webapp.
	 */
	static String pathOf(HttpServletRequest request) {
		return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
	}

	/** Servlet URL pattern matching (Servlet 6.0 §12.2): path prefix "/x/*", extension "*.x", or exact. */
	static boolean matches(String pattern, String path) {
		if (pattern.equals("/*")) {
			return true;
		}
		if (pattern.endsWith("/*")) {
			String prefix = pattern.substring(0, pattern.length() - 2);
			return path.equals(prefix) || path.startsWith(prefix + "/");
		}
		if (pattern.startsWith("*.")) {
			return path.endsWith(pattern.substring(1));
		}
		return path.equals(pattern);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<AuthenticationRequired> authenticationRequiredFilter(Credentials credentials,
				ProcessEngine engine, ObjectMapper json, CamundaBpmProperties camunda,
				FilterRegistrationBean<ApiAuthentication> apiAuthenticationFilter,
				FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter) {
			var guarded = new ArrayList<String>();
			guarded.addAll(apiAuthenticationFilter.getUrlPatterns());
			guarded.addAll(engineRestAuthenticationFilter.getUrlPatterns());
			guarded.add(camunda.getWebapp().getApplicationPath() + "/*");
			var registration = new FilterRegistrationBean<>(new AuthenticationRequired(
					new ApiAuthentication(credentials, engine.getIdentityService(), engine.getName(), json), guarded));
			registration.setName("authentication-required");
			registration.addUrlPatterns("/*");
			registration.setOrder(ORDER);
			return registration;
		}

	}

}
