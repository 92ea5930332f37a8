package io.changeflow.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Known answers, computed with Python's hmac module (as in docs/tooling.md), not with this code. */
class WebhookSignerTests {

	private final WebhookSigner signer = new WebhookSigner();

	@Test
	void signsTimestampDotBodyWithHmacSha256InHex() {
		assertThat(signer.signature("whsec-example", 1795251600L,
				"{\"id\":\"3f1c2a9e-6b0d-4c55-9a51-0d5c2f7f1e42\",\"type\":\"change.gate\"}"))
			.isEqualTo("sha256=750aba800b019d902c0a097069f8f7cc2574cc84425290eb9b6cb75392d4e175");
	}

	@Test
	void signsTheBodyAsUtf8() {
		assertThat(signer.signature("whsec-example", 1795251600L, "{\"reason\":\"Fenster geöffnet ✓\"}"))
			.isEqualTo("sha256=942336bc0063b667a05014167ea4e4d260bad18cddc9ba6a865fda3726f60301");
	}

	@Test
	void theTimestampIsPartOfTheSignature() {
		String body = "{\"type\":\"change.gate\"}";
		assertThat(signer.signature("whsec-example", 1795251600L, body))
			.isNotEqualTo(signer.signature("whsec-example", 1795251601L, body));
	}

}
