package io.changeflow.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on: bearer JWTs of the identity provider on /api and /engine-rest, as the token's user with the token's
 * groups; every invalid token refused with a 401; HTTP Basic unchanged next to them.
 */
// own in-memory database: this context has its own identity provider
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:jwt-authentication;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
@Import(ApiAuthenticationTests.WhoAmI.class)
@ExtendWith(OutputCaptureExtension.class)
class JwtAuthenticationTests {

	private static final String WHO_AM_I = "/api/test/who-am-i";

	// change managers only
	private static final String DELIVERIES = "/api/webhooks/deliveries";

	private static final String DEFINITIONS = "/engine-rest/process-definition/count";

	private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"changeflow\", error=\"invalid_token\"";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TestIdentityProvider PROVIDER = new TestIdentityProvider();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry properties) {
		properties.add("changeflow.security.jwt.issuer-uri", PROVIDER::issuer);
		properties.add("changeflow.security.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
		properties.add("changeflow.security.jwt.audiences", () -> "other-app," + TestIdentityProvider.AUDIENCE);
	}

	@AfterAll
	static void stop() {
		PROVIDER.close();
	}

	@Test
	void aTokenActsOnApiAsItsUserWithItsGroups() throws Exception {
		// alice is a requester in the identity store: the token's groups apply, not the store's
		String manager = PROVIDER.rs256(PROVIDER.claims("alice", "change-managers", "auditors").build());
		var who = send(get(WHO_AM_I).header("Authorization", "Bearer " + manager));
		assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
		JsonNode caller = JSON.readTree(who.body());
		assertThat(caller.get("userId").asText()).isEqualTo("alice");
		assertThat(JSON.convertValue(caller.get("groupIds"), List.class)).containsExactly("change-managers",
				"auditors");
		assertThat(send(get(DELIVERIES).header("Authorization", "Bearer " + manager)).statusCode()).isEqualTo(200);

		// a user the identity store does not know, with a bearer scheme in lower case
		String requester = PROVIDER.rs256(PROVIDER.claims("sso-requester", "requesters").build());
		var refused = send(get(DELIVERIES).header("Authorization", "bearer " + requester));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		assertThat(JSON.readTree(refused.body()).get("detail").asText())
			.startsWith("sso-requester is not a member of change-managers");

		var write = send(request(WHO_AM_I).POST(HttpRequest.BodyPublishers.noBody())
			.header("Authorization", "Bearer " + requester));
		assertThat(write.statusCode()).as("a token authenticates writes too").isEqualTo(200);
	}

	@Test
	void es256TokensAreAcceptedToo() throws Exception {
		String token = PROVIDER.es256(PROVIDER.claims("sso-manager", "change-managers").build());
		var response = send(get(DELIVERIES).header("Authorization", "Bearer " + token));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void aTokenActsOnEngineRestAsItsUserWithItsGroups() throws Exception {
		String manager = PROVIDER.rs256(PROVIDER.claims("sso-manager", "change-managers").build());
		var all = send(get(DEFINITIONS).header("Authorization", "Bearer " + manager));
		assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
		assertThat(JSON.readTree(all.body()).get("count").asInt()).isGreaterThan(0);

		// demo manages changes in the identity store, but this token lists no group: the engine grants nothing
		String groupless = PROVIDER.rs256(PROVIDER.claims("demo").build());
		var none = send(get(DEFINITIONS).header("Authorization", "Bearer " + groupless));
		assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
		assertThat(JSON.readTree(none.body()).get("count").asInt()).isZero();

		String requester = PROVIDER.rs256(PROVIDER.claims("sso-requester", "requesters").build());
		var deploy = send(deployment().header("Authorization", "Bearer " + requester));
		assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(403);
		var deployed = send(deployment().header("Authorization", "Bearer " + manager));
		assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
	}

	@Test
	void invalidTokensAreRefusedWith401AndNeverLogged(CapturedOutput output) throws Exception {
		Instant now = Instant.now();
		var tokens = new LinkedHashMap<String, String>();
		tokens.put("expired", PROVIDER.rs256(PROVIDER.claims("sso-manager", "change-managers")
			.issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
			.build()));
		tokens.put("not yet valid", PROVIDER.rs256(PROVIDER.claims("sso-manager", "change-managers")
			.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.build()));
		tokens.put("without expiry",
				PROVIDER.rs256(PROVIDER.claims("sso-manager", "change-managers").expirationTime(null).build()));
		tokens.put("wrong issuer", PROVIDER
			.rs256(PROVIDER.claims("sso-manager", "change-managers").issuer("https://evil.example.com").build()));
		tokens.put("wrong audience",
				PROVIDER.rs256(PROVIDER.claims("sso-manager", "change-managers").audience("another-app").build()));
		tokens.put("wrong key",
				PROVIDER.rs256WithAnotherKey(PROVIDER.claims("sso-manager", "change-managers").build()));
		tokens.put("HS256 keyed with the public key",
				PROVIDER.hs256WithThePublicKey(PROVIDER.claims("sso-manager", "change-managers").build()));
		tokens.put("alg none",
				TestIdentityProvider.unsigned(PROVIDER.claims("sso-manager", "change-managers").build()));
		tokens.put("garbage", "not.a.jwt");
		tokens.put("empty", "");

		tokens.forEach((why, token) -> {
			var api = send(get(DELIVERIES).header("Authorization", "Bearer " + token));
			assertThat(api.statusCode()).as(why).isEqualTo(401);
			assertThat(api.headers().allValues("WWW-Authenticate")).as(why).containsExactly(INVALID_TOKEN_CHALLENGE);
			assertThat(api.headers().firstValue("Content-Type")).as(why)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = readTree(api.body());
			assertThat(problem.get("status").asInt()).as(why).isEqualTo(401);
			assertThat(problem.get("detail").asText()).as(why).startsWith("Invalid bearer token: ");

			var engineRest = send(get(DEFINITIONS).header("Authorization", "Bearer " + token));
			assertThat(engineRest.statusCode()).as(why).isEqualTo(401);
		});
		assertThat(detail(tokens.get("expired"))).contains("Jwt expired at");
		assertThat(detail(tokens.get("not yet valid"))).contains("Jwt used before");
		assertThat(detail(tokens.get("without expiry"))).contains("exp claim is not valid");
		assertThat(detail(tokens.get("wrong issuer"))).contains("iss claim is not valid");
		assertThat(detail(tokens.get("wrong audience"))).contains("aud claim is not valid");
		assertThat(detail(tokens.get("wrong key")))
			.isEqualTo("Invalid bearer token: malformed, or not signed by the identity provider.");

		tokens.values()
			.stream()
			.filter((token) -> !token.isEmpty())
			.forEach((token) -> assertThat(output.getAll()).doesNotContain(token));
	}

	@Test
	void basicWorksAsBeforeAndAnonymousCallersLearnBothSchemes() throws Exception {
		assertThat(send(basic(get(DELIVERIES), "demo")).statusCode()).isEqualTo(200);
		assertThat(send(basic(get(DEFINITIONS), "demo")).statusCode()).isEqualTo(200);

		var anonymous = send(get(DELIVERIES));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().allValues("WWW-Authenticate"))
			.containsExactly("Basic realm=\"changeflow\"", "Bearer realm=\"changeflow\"");
		assertThat(readTree(anonymous.body()).get("detail").asText()).isEqualTo(
				"Log in with HTTP Basic or bearer token, or sign in to Tasklist or Cockpit in this browser first.");

		var engineRest = send(get(DEFINITIONS));
		assertThat(engineRest.statusCode()).isEqualTo(401);
		assertThat(engineRest.headers().allValues("WWW-Authenticate"))
			.containsExactly("Basic realm=\"changeflow\"", "Bearer realm=\"changeflow\"");

		var otherScheme = send(get(DELIVERIES).header("Authorization", "Digest username=\"demo\""));
		assertThat(otherScheme.statusCode()).isEqualTo(401);
		assertThat(readTree(otherScheme.body()).get("detail").asText())
			.isEqualTo("Only HTTP Basic or bearer token authentication is supported.");
	}

	@Test
	void springSecurityInstallsNoFilterChainNorUsers() {
		// the JOSE library brings Spring Security's core; its web security would fight the Camunda webapp login
		assertThat(this.context.containsBean("springSecurityFilterChain")).isFalse();
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
	}

	private String detail(String token) {
		return readTree(send(get(DELIVERIES).header("Authorization", "Bearer " + token)).body()).get("detail")
			.asText();
	}

	private HttpRequest.Builder deployment() {
		String boundary = "changeflow-test-boundary";
		String process = """
				<?xml version="1.0" encoding="UTF-8"?>
				<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
				  <process id="jwt-test" isExecutable="true" camunda:historyTimeToLive="P1D">
				    <startEvent id="start"/>
				  </process>
				</definitions>
				""";
		String body = "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\njwt-test\r\n--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"jwt-test.bpmn\"; filename=\"jwt-test.bpmn\"\r\n"
				+ "Content-Type: application/xml\r\n\r\n" + process + "\r\n--" + boundary + "--\r\n";
		return request("/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	// password = user id (demo identity)
	private static HttpRequest.Builder basic(HttpRequest.Builder request, String user) {
		return request.header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
	}

	private static JsonNode readTree(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(json, ex);
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
