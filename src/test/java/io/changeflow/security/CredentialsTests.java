package io.changeflow.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import io.changeflow.security.Credentials.Refusal;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** How bearer tokens are refused when they cannot be checked at all. */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsTests {

	private final IdentityService identityService = mock(IdentityService.class);

	@Test
	void anUnreachableIdentityProviderRefusesTheCallAndWarnsWithoutTheToken(CapturedOutput output) throws IOException {
		var credentials = new Credentials(this.identityService,
				new JwtProperties(null, "http://127.0.0.1:" + closedPort() + "/jwks", null, null, null));
		try (var provider = new TestIdentityProvider()) {
			String token = provider.rs256(provider.claims("alice", "requesters").build());

			assertThat(credentials.authenticate("Bearer " + token)).isEqualTo(new Refusal(
					"Bearer tokens cannot be checked right now: the identity provider's keys are unavailable.",
					List.of("Bearer realm=\"changeflow\"")));
			assertThat(output).contains("Bearer tokens cannot be checked: the identity provider's keys are unavailable")
				.doesNotContain(token);
		}
		verifyNoInteractions(this.identityService);
	}

	@Test
	void aBearerSchemeWithoutATokenIsAnInvalidToken() {
		var credentials = new Credentials(this.identityService,
				new JwtProperties(null, "http://127.0.0.1:1/jwks", null, null, null));

		assertThat(credentials.authenticate("Bearer")).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.challenges())
					.containsExactly("Bearer realm=\"changeflow\", error=\"invalid_token\""));
		assertThat(credentials.authenticate("Bearerish abc")).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.detail())
					.isEqualTo("Only HTTP Basic or bearer token authentication is supported."));
	}

	private static int closedPort() throws IOException {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
