package io.changeflow.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.stereotype.Component;

/**
 * Who an {@code Authorization} header names: the one answer for every door (/api and the pages beside it,
 * /engine-rest). HTTP Basic against the engine's identity service, acting with the user's groups there; and, when an
 * identity provider is configured ({@link JwtProperties}), its bearer JWTs, acting with the groups the token lists.
 */
@Component
@EnableConfigurationProperties(JwtProperties.class)
class Credentials {

	private static final Logger log = LoggerFactory.getLogger(Credentials.class);

	private static final String BASIC_CHALLENGE = "Basic realm=\"changeflow\"";

	private static final String BEARER_CHALLENGE = "Bearer realm=\"changeflow\"";

	private final IdentityService identityService;

	private final Optional<BearerTokens> bearerTokens;

	Credentials(IdentityService identityService, JwtProperties jwt) {
		this.identityService = identityService;
		this.bearerTokens = jwt.enabled() ? Optional.of(new BearerTokens(jwt)) : Optional.empty();
	}

	/** What a caller or a refusal is; a refusal says why and how to authenticate instead. */
	sealed interface Outcome permits Caller, Refusal {

	}

	/** @param groupIds the groups the engine applies to the call */
	record Caller(String userId, List<String> groupIds) implements Outcome {

	}

	/** @param challenges the {@code WWW-Authenticate} values */
	record Refusal(String detail, List<String> challenges) implements Outcome {

	}

	Outcome authenticate(String authorization) {
		String basic = credentialsOf(authorization, "Basic");
		if (basic != null) {
			String userId = basicUser(basic);
			return (userId != null) ? new Caller(userId, groupsOf(userId))
					: new Refusal("Wrong user name or password.", challenges());
		}
		String token = credentialsOf(authorization, "Bearer");
		if (token != null && this.bearerTokens.isPresent()) {
			return bearer(this.bearerTokens.get(), token);
		}
		return new Refusal("Only " + schemes() + " authentication is supported.", challenges());
	}

	/** What follows the scheme (case-insensitive), trimmed; null for another scheme. */
	private static String credentialsOf(String authorization, String scheme) {
		boolean matches = authorization.regionMatches(true, 0, scheme, 0, scheme.length())
				&& (authorization.length() == scheme.length() || authorization.charAt(scheme.length()) == ' ');
		return matches ? authorization.substring(scheme.length()).trim() : null;
	}

	/** How callers may authenticate, for messages: "HTTP Basic", or "HTTP Basic or bearer token". */
	String schemes() {
		return this.bearerTokens.isPresent() ? "HTTP Basic or bearer token" : "HTTP Basic";
	}

	/** The {@code WWW-Authenticate} values that answer a request without usable credentials. */
	List<String> challenges() {
		return this.bearerTokens.isPresent() ? List.of(BASIC_CHALLENGE, BEARER_CHALLENGE) : List.of(BASIC_CHALLENGE);
	}

	/** The user's groups in the identity store, read per request so a changed membership applies at once. */
	List<String> groupsOf(String userId) {
		return this.identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
	}

	/** The user whose HTTP Basic credentials the identity service accepts, or null. */
	private String basicUser(String encoded) {
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = credentials.indexOf(':');
		if (colon < 1) {
			return null;
		}
		String userId = credentials.substring(0, colon);
		// a wrong password also delays this user's next login (the engine's brute-force protection)
		return this.identityService.checkPassword(userId, credentials.substring(colon + 1)) ? userId : null;
	}

	// the token itself is never logged nor echoed: it is a credential
	private static Outcome bearer(BearerTokens tokens, String token) {
		String invalid = BEARER_CHALLENGE + ", error=\"invalid_token\"";
		try {
			return tokens.caller(token);
		}
		catch (JwtValidationException ex) {
			// exp, nbf, iss, aud: say which, the caller's client may fetch a new token
			var reasons = ex.getErrors().stream().map(OAuth2Error::getDescription).distinct().toList();
			return new Refusal("Invalid bearer token: " + String.join("; ", reasons) + ".", List.of(invalid));
		}
		catch (BadJwtException ex) {
			return new Refusal("Invalid bearer token: malformed, or not signed by the identity provider.",
					List.of(invalid));
		}
		catch (JwtException | JwtDecoderInitializationException ex) {
			log.warn("Bearer tokens cannot be checked: the identity provider's keys are unavailable ({})",
					ex.getMessage());
			return new Refusal(
					"Bearer tokens cannot be checked right now: the identity provider's keys are unavailable.",
					List.of(BEARER_CHALLENGE));
		}
	}

}
