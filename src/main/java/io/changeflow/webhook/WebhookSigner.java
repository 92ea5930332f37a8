package io.changeflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * {@code X-Changeflow-Signature}: {@code sha256=} and the hex HMAC-SHA256, keyed with the subscription's secret, of
 * {@code "<timestamp>.<raw body>"}. Signing the timestamp with the body lets a receiver refuse old requests replayed
 * with a fresh timestamp header.
 */
@Component
class WebhookSigner {

	private static final String ALGORITHM = "HmacSHA256";

	String signature(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			// every Java runtime provides HmacSHA256
			throw new IllegalStateException(ex);
		}
	}

}
