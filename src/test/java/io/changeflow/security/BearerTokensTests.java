package io.changeflow.security;

import java.time.Instant;
import java.util.List;

import io.changeflow.security.Credentials.Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Whom a token names (the claim mapping), and how the provider is found from its issuer alone. */
class BearerTokensTests {

	private static final TestIdentityProvider PROVIDER = new TestIdentityProvider();

	// the mapping alone: no token is decoded
	private static final JwtDecoder UNUSED = (token) -> {
		throw new AssertionError("the claim mapping decodes no token");
	};

	@AfterAll
	static void stop() {
		PROVIDER.close();
	}

	@Test
	void theUserIsThePreferredUsernameAndTheGroupsTheGroupsClaimByDefault() {
		var tokens = new BearerTokens(UNUSED, properties(null, null));

		assertThat(tokens.caller(jwt().subject("4711")
			.claim("preferred_username", "alice")
			.claim("groups", List.of("requesters", "reviewers"))
			.build())).isEqualTo(new Caller("alice", List.of("requesters", "reviewers")));
	}

	@Test
	void withoutTheUserClaimTheSubjectIsTheUser() {
		var tokens = new BearerTokens(UNUSED, properties(null, null));

		assertThat(tokens.caller(jwt().subject("ci-bot").build())).isEqualTo(new Caller("ci-bot", List.of()));
		assertThat(tokens.caller(jwt().subject("ci-bot").claim("preferred_username", "").build()).userId())
			.isEqualTo("ci-bot");
	}

	@Test
	void theClaimsAreConfigurable() {
		var tokens = new BearerTokens(UNUSED, properties("email", "roles"));

		assertThat(tokens.caller(jwt().subject("4711")
			.claim("preferred_username", "alice")
			.claim("email", "alice@example.com")
			.claim("groups", List.of("requesters"))
			.claim("roles", List.of("change-managers"))
			.build())).isEqualTo(new Caller("alice@example.com", List.of("change-managers")));
	}

	@Test
	void aSingleGroupMayComeAsAString() {
		var tokens = new BearerTokens(UNUSED, properties(null, null));

		assertThat(tokens.caller(jwt().subject("alice").claim("groups", "requesters").build()).groupIds())
			.containsExactly("requesters");
	}

	@Test
	void aTokenThatNamesNoUserIsInvalid() {
		var tokens = new BearerTokens(UNUSED, properties(null, null));

		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> tokens.caller(jwt().claim("groups", List.of("change-managers")).build()))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getDescription())
					.isEqualTo("it names no user: it has neither preferred_username nor sub")));
	}

	@Test
	void theIssuerAloneFindsTheKeysByOidcDiscovery() {
		var tokens = new BearerTokens(
				new JwtProperties(PROVIDER.issuer(), null, List.of(TestIdentityProvider.AUDIENCE), null, null));

		assertThat(tokens.caller(PROVIDER.rs256(PROVIDER.claims("alice", "requesters").build())))
			.isEqualTo(new Caller("alice", List.of("requesters")));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> tokens
			.caller(PROVIDER.rs256(PROVIDER.claims("alice", "requesters").issuer("https://elsewhere").build())));
	}

	@Test
	void onlyAnIssuerOrAJwkSetUriTurnsBearerTokensOn() {
		assertThat(properties(null, null).enabled()).isFalse();
		assertThat(new JwtProperties("", " ", List.of("changeflow"), null, null).enabled()).isFalse();
		assertThat(new JwtProperties(PROVIDER.issuer(), null, null, null, null).enabled()).isTrue();
		assertThat(new JwtProperties(null, PROVIDER.jwkSetUri(), null, null, null).enabled()).isTrue();
	}

	private static JwtProperties properties(String userClaim, String groupsClaim) {
		return new JwtProperties(null, null, null, userClaim, groupsClaim);
	}

	private static Jwt.Builder jwt() {
		return Jwt.withTokenValue("token").header("alg", "RS256").issuedAt(Instant.now());
	}

}
