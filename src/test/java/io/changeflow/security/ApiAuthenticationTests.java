package io.changeflow.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Who may call /api and /calendar, and as whom the engine sees them. */
// own in-memory database: this context adds a test controller
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:api-authentication;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
@Import(ApiAuthenticationTests.WhoAmI.class)
class ApiAuthenticationTests {

	private static final String WHO_AM_I = "/api/test/who-am-i";

	// a wrong password delays the user's next login (engine brute-force protection): only ever used wrongly
	private static final String BYSTANDER = "mallory";

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private ObjectMapper objectMapper;

	@Autowired
	private Credentials credentials;

	@BeforeEach
	void bystander() {
		if (this.identityService.createUserQuery().userId(BYSTANDER).count() == 0) {
			var user = this.identityService.newUser(BYSTANDER);
			user.setPassword(BYSTANDER);
			this.identityService.saveUser(user);
		}
	}

	@Test
	void anonymousCallsGetAProblemAndABasicChallenge() throws Exception {
		for (String path : List.of(WHO_AM_I, "/calendar", "/calendar?view=week")) {
			var response = send(HttpClient.newHttpClient(), get(path));
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValue("Basic realm=\"changeflow\"");
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("type").asText()).isEqualTo("about:blank");
			assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
			assertThat(problem.get("status").asInt()).isEqualTo(401);
			assertThat(problem.get("detail").asText())
				.isEqualTo("Log in with HTTP Basic, or sign in to Tasklist or Cockpit in this browser first.");
		}
	}

	@Test
	void wrongCredentialsAreRefused() throws Exception {
		var wrongPassword = send(HttpClient.newHttpClient(), basic(get(WHO_AM_I), BYSTANDER, "wrong"));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(wrongPassword.body()).get("detail").asText()).isEqualTo("Wrong user name or password.");

		var unknownUser = send(HttpClient.newHttpClient(), basic(get(WHO_AM_I), "nobody", "nobody"));
		assertThat(unknownUser.statusCode()).isEqualTo(401);

		var bearer = send(HttpClient.newHttpClient(), get(WHO_AM_I).header("Authorization", "Bearer abc"));
		assertThat(bearer.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(bearer.body()).get("detail").asText())
			.isEqualTo("Only HTTP Basic authentication is supported.");

		var garbage = send(HttpClient.newHttpClient(), get(WHO_AM_I).header("Authorization", "Basic %%%"));
		assertThat(garbage.statusCode()).isEqualTo(401);
	}

	@Test
	void basicAuthenticatesTheUserWithTheirGroups() throws Exception {
		var response = send(HttpClient.newHttpClient(), basic(get(WHO_AM_I), "erin", "erin"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode who = JSON.readTree(response.body());
		assertThat(who.get("userId").asText()).isEqualTo("erin");
		assertThat(JSON.convertValue(who.get("groupIds"), List.class)).containsExactlyInAnyOrder("reviewers",
				"security-team");

		var write = send(HttpClient.newHttpClient(),
				basic(request(WHO_AM_I).POST(HttpRequest.BodyPublishers.noBody()), "erin", "erin"));
		assertThat(write.statusCode()).isEqualTo(200);
	}

	@Test
	void theEngineAuthenticationIsClearedAfterTheRequestEvenWhenItFails() throws Exception {
		var filter = new ApiAuthentication(this.credentials, this.identityService, this.engine.getName(),
				this.objectMapper);
		var during = new AtomicReference<Authentication>();

		filter.doFilter(basic("carol"), new MockHttpServletResponse(), new MockFilterChain() {
			@Override
			public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
				during.set(identityService.getCurrentAuthentication());
			}
		});
		assertThat(during.get().getUserId()).isEqualTo("carol");
		assertThat(during.get().getGroupIds()).containsExactly("reviewers");
		assertThat(this.identityService.getCurrentAuthentication()).isNull();

		assertThatIllegalStateException().isThrownBy(() -> filter.doFilter(basic("carol"),
				new MockHttpServletResponse(), (request, response) -> {
					throw new IllegalStateException("controller failed");
				}));
		assertThat(this.identityService.getCurrentAuthentication()).isNull();
	}

	@Test
	void aTasklistLoginInTheSameBrowserAuthenticatesReads() throws Exception {
		var cookies = new CookieManager();
		var browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		// as Tasklist does: the page hands out the CSRF token that the login has to echo
		assertThat(send(browser, get("/camunda/app/tasklist/default/")).statusCode()).isEqualTo(200);
		assertThat(send(browser, get(WHO_AM_I)).statusCode()).as("a session without a login").isEqualTo(401);
		var login = send(browser, request("/camunda/api/admin/auth/user/default/login/tasklist")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers.ofString("username=heidi&password=heidi")));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

		var response = send(browser, get(WHO_AM_I));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode who = JSON.readTree(response.body());
		assertThat(who.get("userId").asText()).isEqualTo("heidi");
		assertThat(JSON.convertValue(who.get("groupIds"), List.class)).containsExactlyInAnyOrder("devops-team",
				"implementers");

		var write = send(browser, request(WHO_AM_I).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(write.statusCode()).as("a login session alone never writes").isEqualTo(401);
		assertThat(JSON.readTree(write.body()).get("detail").asText())
			.isEqualTo("A Tasklist or Cockpit login only authenticates reads; POST needs HTTP Basic.");

		// the login starts a new session with a new CSRF token, handed out with the next webapp read
		assertThat(send(browser, get("/camunda/api/admin/auth/user/default")).statusCode()).isEqualTo(200);
		var logout = send(browser, request("/camunda/api/admin/auth/user/default/logout")
			.header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
		assertThat(send(browser, get(WHO_AM_I)).statusCode()).as("after logout").isEqualTo(401);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
		return request.header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	// password = user id (demo identity)
	private static MockHttpServletRequest basic(String user) {
		var request = new MockHttpServletRequest("GET", WHO_AM_I);
		request.addHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		return request;
	}

	private static String cookie(CookieManager cookies, String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
			throws IOException, InterruptedException {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Shows how the engine sees the caller. */
	@RestController
	static class WhoAmI {

		private final IdentityService identityService;

		WhoAmI(IdentityService identityService) {
			this.identityService = identityService;
		}

		@GetMapping(WHO_AM_I)
		Map<String, Object> read() {
			var authentication = this.identityService.getCurrentAuthentication();
			return Map.of("userId", authentication.getUserId(), "groupIds", authentication.getGroupIds());
		}

		@PostMapping(WHO_AM_I)
		Map<String, Object> write() {
			return read();
		}

	}

}
