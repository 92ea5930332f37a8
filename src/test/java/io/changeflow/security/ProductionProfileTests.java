package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production profile (SPRING_PROFILES_ACTIVE=prod): the admin comes from the environment, no demo user exists,
 * the webapps harden their session cookie and headers. What refuses to start: {@link ProductionStartupTests}.
 */
class ProductionProfileTests {

	private static final String PASSWORD = "Quiet-Harbour-Lantern-42";

	private static final String WEBAPP_READ = "/camunda/api/engine/engine";

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = ProductionApp.startProd("production-profile", "--CHANGEFLOW_ADMIN_USER=root",
				"--CHANGEFLOW_ADMIN_PASSWORD=" + PASSWORD);
	}

	@AfterAll
	static void stop() throws Exception {
		app.close();
		ProductionApp.drop("production-profile");
	}

	@Test
	void theAdminFromTheEnvironmentIsAChangeManagerAndCamundaAdmin() throws Exception {
		IdentityService identity = app.getBean(ProcessEngine.class).getIdentityService();
		assertThat(identity.createGroupQuery().groupMember("root").list()).extracting(Group::getId)
			.containsExactlyInAnyOrder(Roles.CHANGE_MANAGERS, Groups.CAMUNDA_ADMIN);

		var api = ProductionApp.get(app, "/api/freezes", "root", PASSWORD);
		assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
		var engineRest = ProductionApp.get(app, "/engine-rest/user/root/profile", "root", PASSWORD);
		assertThat(engineRest.statusCode()).as(engineRest.body()).isEqualTo(200);
	}

	@Test
	void noDemoUserExists() {
		IdentityService identity = app.getBean(ProcessEngine.class).getIdentityService();
		assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly("root");
	}

	@Test
	void theWebappsOfferNoFirstAdminSetup() throws Exception {
		var cookies = new CookieManager();
		var browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		// as the Admin app does: a read hands out the CSRF token that the setup call has to echo
		var read = browser.send(request(WEBAPP_READ).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		var setup = browser.send(request("/camunda/api/admin/setup/default/user/create")
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"Intruder-Password-1\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(setup.statusCode()).as(setup.body()).isEqualTo(403);
		assertThat(app.getBean(ProcessEngine.class).getIdentityService().createUserQuery().userId("intruder").count())
			.isZero();
	}

	@Test
	void theWebappsSendHstsAndASecureSessionCookie() throws Exception {
		var response = HttpClient.newHttpClient()
			.send(request(WEBAPP_READ).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				value -> assertThat(value).startsWith("max-age="));
		for (String cookie : List.of("JSESSIONID=", "XSRF-TOKEN=")) {
			assertThat(response.headers().allValues("Set-Cookie")).filteredOn(value -> value.startsWith(cookie))
				.singleElement()
				.satisfies(value -> assertThat(value.split(";")).extracting(String::trim).contains("Secure"));
		}
	}

	private static HttpRequest.Builder request(String path) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private static String cookie(CookieManager cookies, String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

}
