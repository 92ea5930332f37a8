package io.changeflow.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OIDC identity provider for tests: key pairs of its own, their public halves served as a JWKS and by
 * OIDC discovery from a local HTTP server, and tokens signed with them (or, for the refusals, not quite).
 */
final class TestIdentityProvider implements AutoCloseable {

	static final String AUDIENCE = "changeflow";

	private final RSAKey rsa;

	private final ECKey ec;

	private final HttpServer server;

	TestIdentityProvider() {
		try {
			this.rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
			this.ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (JOSEException | IOException ex) {
			throw new IllegalStateException(ex);
		}
		String keys = new JWKSet(List.of(this.rsa.toPublicJWK(), this.ec.toPublicJWK())).toString();
		this.server.createContext("/jwks", (exchange) -> answer(exchange, keys));
		this.server.createContext("/.well-known/openid-configuration",
				(exchange) -> answer(exchange, json(Map.of("issuer", issuer(), "jwks_uri", jwkSetUri()))));
		this.server.start();
	}

	String issuer() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
	}

	String jwkSetUri() {
		return issuer() + "/jwks";
	}

	/** What a valid token of ours says: for us, for five more minutes, naming the user and listing the groups. */
	JWTClaimsSet.Builder claims(String user, String... groups) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer())
			.audience(AUDIENCE)
			.subject("id-of-" + user)
			.claim("preferred_username", user)
			.claim("groups", List.of(groups))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
	}

	String rs256(JWTClaimsSet claims) {
		try {
			return sign(claims, JWSAlgorithm.RS256, this.rsa.getKeyID(), new RSASSASigner(this.rsa));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String es256(JWTClaimsSet claims) {
		try {
			return sign(claims, JWSAlgorithm.ES256, this.ec.getKeyID(), new ECDSASigner(this.ec));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signed like ours, with the same key id, by a key that is not ours. */
	String rs256WithAnotherKey(JWTClaimsSet claims) {
		try {
			var other = new RSAKeyGenerator(2048).keyID(this.rsa.getKeyID()).generate();
			return sign(claims, JWSAlgorithm.RS256, other.getKeyID(), new RSASSASigner(other));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The classic confusion attack: HMAC keyed with our public key, which anyone can fetch. */
	String hs256WithThePublicKey(JWTClaimsSet claims) {
		try {
			byte[] secret = this.rsa.toPublicKey().getEncoded();
			return sign(claims, JWSAlgorithm.HS256, this.rsa.getKeyID(), new MACSigner(secret));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String keyId, JWSSigner signer)
			throws JOSEException {
		var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(),
				claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static String json(Map<String, Object> value) {
		try {
			return new ObjectMapper().writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (var out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
