package io.changeflow.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Optional single sign-on: bearer JWTs of an OIDC identity provider authenticate on /api and /engine-rest next to
 * HTTP Basic. Off unless an issuer or a JWK set URI is set.
 * @param issuerUri every token's {@code iss}; without {@code jwkSetUri} also where the provider's keys are discovered
 * (OIDC discovery)
 * @param jwkSetUri where the provider publishes its signing keys (JWKS)
 * @param audiences when set, a token's {@code aud} must name at least one of them
 * @param userClaim the claim holding the user id; tokens without it name their {@code sub}
 * @param groupsClaim the claim listing the user's groups, the engine's groups for the call
 */
@ConfigurationProperties("changeflow.security.jwt")
record JwtProperties(String issuerUri, String jwkSetUri, List<String> audiences, String userClaim,
		String groupsClaim) {

	JwtProperties {
		audiences = (audiences != null) ? List.copyOf(audiences) : List.of();
		if (!StringUtils.hasText(userClaim)) {
			userClaim = "preferred_username";
		}
		if (!StringUtils.hasText(groupsClaim)) {
			groupsClaim = "groups";
		}
	}

	boolean enabled() {
		return StringUtils.hasText(this.issuerUri) || StringUtils.hasText(this.jwkSetUri);
	}

}
