package io.changeflow.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening for everything changeflow serves itself: /api, the pages (calendar, audit, dashboard, reports),
 * /engine-rest, the actuator, the OpenAPI description and Swagger UI, and errors, refusals included. The Camunda
 * webapps send their own (camunda.bpm.webapp.header-security). Nothing is cached: responses carry people's changes
 * and decisions. A page that sets its own Content-Security-Policy (a report) keeps it; the others get
 * {@value #CONTENT_SECURITY_POLICY}: inline styles and same-origin scripts (Swagger UI), no framing, no other origin.
 */
class SecurityHeaders extends OncePerRequestFilter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
			+ "base-uri 'none'";

	static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

	private final String webappPath;

	SecurityHeaders(String webappPath) {
		this.webappPath = webappPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return AuthenticationRequired.matches(this.webappPath + "/*", AuthenticationRequired.pathOf(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		// browsers ignore it over plain HTTP; sent where it counts
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
		}
		chain.doFilter(request, new OwnPolicyWins(response));
	}

	/**
	 * Replaces the default policy by the first one the page sets itself, however it sets it; keeps no-store whatever
	 * caching a library allows (Jersey, the actuator).
	 */
	private static final class OwnPolicyWins extends HttpServletResponseWrapper {

		private boolean own;

		OwnPolicyWins(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
				return;
			}
			this.own |= isPolicy(name);
			super.setHeader(name, value);
		}

		@Override
		public void addHeader(String name, String value) {
			if (isPolicy(name) && !this.own || HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
				setHeader(name, value);
			}
			else {
				super.addHeader(name, value);
			}
		}

		private static boolean isPolicy(String name) {
			return "Content-Security-Policy".equalsIgnoreCase(name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<SecurityHeaders> securityHeadersFilter(CamundaBpmProperties camunda) {
			var registration = new FilterRegistrationBean<>(
					new SecurityHeaders(camunda.getWebapp().getApplicationPath()));
			registration.setName("security-headers");
			registration.addUrlPatterns("/*");
			// first: refusals by the filters after it carry the headers too
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return registration;
		}

	}

}
