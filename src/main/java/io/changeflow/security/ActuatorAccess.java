package io.changeflow.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Management endpoints beyond health and info — their list, the Prometheus scrape, whatever is exposed tomorrow — are
 * for operations and change managers. Runs after {@link AuthenticationRequired}, which has authenticated the caller.
 */
class ActuatorAccess extends OncePerRequestFilter {

	static final List<String> READERS = List.of(Roles.OPERATIONS, Roles.CHANGE_MANAGERS);

	/** Any authenticated user: the probes' answers (anonymous anyway) and the build info. */
	private static final Set<String> OPEN = Set.of("/actuator/health", "/actuator/info");

	private final CurrentUser caller;

	private final ObjectMapper json;

	ActuatorAccess(CurrentUser caller, ObjectMapper json) {
		this.caller = caller;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = AuthenticationRequired.pathOf(request);
		return OPEN.stream().anyMatch((open) -> AuthenticationRequired.matches(open + "/*", path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (READERS.stream().noneMatch(this.caller::isMemberOf)) {
			ProblemResponses.send(request, response, this.json,
					ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
							this.caller.userId().orElseThrow() + " is not a member of "
									+ String.join(" or ", READERS) + ": only they read management endpoints"));
			return;
		}
		chain.doFilter(request, response);
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<ActuatorAccess> actuatorAccessFilter(CurrentUser caller, ObjectMapper json) {
			var registration = new FilterRegistrationBean<>(new ActuatorAccess(caller, json));
			registration.setName("actuator-access");
			registration.addUrlPatterns("/actuator/*");
			registration.setOrder(AuthenticationRequired.ORDER + 1);
			return registration;
		}

	}

}
