package io.changeflow.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.security.Credentials.Caller;
import io.changeflow.security.Credentials.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates our own HTTP surface ({@code /api}, {@code /calendar}, {@code /audit}, {@code /dashboard}) as the
 * engine's identity service knows people: the {@code Authorization} header as {@link Credentials} read it (HTTP Basic
 * for tools, bearer tokens of a configured identity provider), or the Camunda webapp login of the same browser, so
 * whoever is signed in to Tasklist or Cockpit need not log in again. The engine's current authentication is set for
 * the request, so authorizations and our own code see who acts, and always cleared afterwards: the thread serves
 * someone else next.
 */
class ApiAuthentication extends OncePerRequestFilter {

	// a cross-site page can make the browser send the session cookie; a webapp login therefore only reads
	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final Credentials credentials;

	private final IdentityService identityService;

	private final String engineName;

	private final ObjectMapper json;

	ApiAuthentication(Credentials credentials, IdentityService identityService, String engineName, ObjectMapper json) {
		this.credentials = credentials;
		this.identityService = identityService;
		this.engineName = engineName;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Caller caller;
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null) {
			var outcome = this.credentials.authenticate(authorization);
			if (outcome instanceof Refusal refusal) {
				unauthorized(request, response, refusal.detail(), refusal.challenges());
				return;
			}
			caller = (Caller) outcome;
		}
		else {
			String userId = webappUser(request);
			if (userId == null) {
				unauthorized(request, response, "Log in with " + this.credentials.schemes()
						+ ", or sign in to Tasklist or Cockpit in this browser first.", this.credentials.challenges());
				return;
			}
			if (!SAFE_METHODS.contains(request.getMethod())) {
				unauthorized(request, response, "A Tasklist or Cockpit login only authenticates reads; "
						+ request.getMethod() + " needs " + this.credentials.schemes() + ".",
						this.credentials.challenges());
				return;
			}
			caller = new Caller(userId, this.credentials.groupsOf(userId));
		}
		this.identityService.setAuthentication(caller.userId(), caller.groupIds());
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.identityService.clearAuthentication();
		}
	}

	/**
	 * The user logged in to the Camunda webapps with this HTTP session, or null. The only place that knows how
	 * Camunda 7.24 keeps that login: per engine, in the session.
	 */
	private String webappUser(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		var login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(this.engineName);
		if (login == null) {
			return null;
		}
		// the webapps re-check their login only every few minutes; a deleted user must not go on reading
		boolean exists = this.identityService.createUserQuery().userId(login.getIdentityId()).count() == 1;
		return exists ? login.getIdentityId() : null;
	}

	private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail,
			List<String> challenges) throws IOException {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		challenges.forEach((challenge) -> response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.json.writeValue(response.getOutputStream(), problem);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<ApiAuthentication> apiAuthenticationFilter(Credentials credentials, ProcessEngine engine,
				ObjectMapper json) {
			var registration = new FilterRegistrationBean<>(
					new ApiAuthentication(credentials, engine.getIdentityService(), engine.getName(), json));
			registration.setName("api-authentication");
			registration.addUrlPatterns("/api/*", "/calendar", "/calendar/*", "/audit", "/audit/*", "/dashboard");
			return registration;
		}

	}

}
