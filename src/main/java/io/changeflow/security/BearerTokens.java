package io.changeflow.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.changeflow.security.Credentials.Caller;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

/** Checks the identity provider's bearer JWTs and reads whom they name, with which groups. */
class BearerTokens {

	// only the provider's public keys verify: HS* would need a shared secret, "none" verifies nothing
	private static final Set<SignatureAlgorithm> SIGNATURES = Set.of(SignatureAlgorithm.RS256,
			SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384,
			SignatureAlgorithm.ES512, SignatureAlgorithm.PS256, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512);

	// clocks of the provider and ours differ a little
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	// a provider that does not answer must not hold requests for long
	private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(5);

	private final JwtDecoder decoder;

	private final String userClaim;

	private final String groupsClaim;

	BearerTokens(JwtProperties properties) {
		this(decoder(properties), properties);
	}

	BearerTokens(JwtDecoder decoder, JwtProperties properties) {
		this.decoder = decoder;
		this.userClaim = properties.userClaim();
		this.groupsClaim = properties.groupsClaim();
	}

	/**
	 * @throws BadJwtException when the token is not a valid token of the provider for us; a
	 * {@link JwtValidationException} says why
	 * @throws JwtException when the provider's keys cannot be had
	 */
	Caller caller(String token) {
		return caller(this.decoder.decode(token));
	}

	/** Whom a valid token names: the user claim, else {@code sub}; groups from the groups claim, else none. */
	Caller caller(Jwt token) {
		String userId = token.getClaimAsString(this.userClaim);
		if (!StringUtils.hasText(userId)) {
			userId = token.getSubject();
		}
		if (!StringUtils.hasText(userId)) {
			throw new JwtValidationException("no user", List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
					"it names no user: it has neither " + this.userClaim + " nor sub", null)));
		}
		List<String> groups = token.hasClaim(this.groupsClaim) ? token.getClaimAsStringList(this.groupsClaim)
				: List.of();
		return new Caller(userId, List.copyOf(groups));
	}

	private static JwtDecoder decoder(JwtProperties properties) {
		var keysClient = new SimpleClientHttpRequestFactory();
		keysClient.setConnectTimeout(KEYS_TIMEOUT);
		keysClient.setReadTimeout(KEYS_TIMEOUT);
		// the provider may be down while we start: its keys (and discovery document) are fetched on first use
		return new SupplierJwtDecoder(() -> {
			var builder = StringUtils.hasText(properties.jwkSetUri())
					? NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
					: NimbusJwtDecoder.withIssuerLocation(properties.issuerUri());
			// typ is checked below, so that RFC 9068 access tokens ("at+jwt") pass too
			NimbusJwtDecoder decoder = builder.restOperations(new RestTemplate(keysClient))
				.jwsAlgorithms((algorithms) -> algorithms.addAll(SIGNATURES))
				.validateType(false)
				.build();
			decoder.setJwtValidator(validator(properties));
			return decoder;
		});
	}

	private static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		// exp and nbf; a token without exp would be valid forever
		validators.add(new JwtTimestampValidator(CLOCK_SKEW));
		validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
		var types = new JwtTypeValidator("JWT", "at+jwt");
		types.setAllowEmpty(true);
		validators.add(types);
		if (StringUtils.hasText(properties.issuerUri())) {
			validators.add(new JwtIssuerValidator(properties.issuerUri()));
		}
		if (!properties.audiences().isEmpty()) {
			validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
					(audience) -> audience != null && audience.stream().anyMatch(properties.audiences()::contains)));
		}
		return JwtValidators.createDefaultWithValidators(validators);
	}

}
