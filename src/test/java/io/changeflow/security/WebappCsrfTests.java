package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.changeflow.AppTest;
import io.changeflow.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A page on another site can make a logged-in browser send requests with its session cookie, but cannot read the
 * CSRF token: Camunda's webapps refuse every write without it, and our /api takes no writes on a webapp login at all.
 */
@AppTest
class WebappCsrfTests {

	private static final String USER = "csrf-cid";

	private static final String PASSWORD = "csrf-cid-Secret1";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	TaskService tasks;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

	private String taskId;

	@BeforeEach
	void reviewerWithATask() {
		// reviewers: Tasklist access
		TestUsers.ensure(identity, USER, PASSWORD, Roles.REVIEWERS);
		var task = tasks.newTask();
		task.setName("Claim me");
		tasks.saveTask(task);
		tasks.addCandidateUser(task.getId(), USER);
		taskId = task.getId();
	}

	@AfterEach
	void removeTask() {
		tasks.deleteTask(taskId, true);
	}

	@Test
	void aTasklistSessionWritesOnlyWithTheCsrfToken() throws Exception {
		logIn();
		String claim = "/camunda/api/engine/engine/default/task/" + taskId + "/claim";
		String body = "{\"userId\":\"" + USER + "\"}";

		var forged = send(post(claim, body));
		assertThat(forged.statusCode()).as("cookie alone").isEqualTo(403);
		assertThat(forged.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
		assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

		// Camunda ends a session that sent a write without its token: log in again for each attempt
		logIn();
		var wrongToken = send(post(claim, body).header("X-XSRF-TOKEN", "guessed"));
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

		logIn();
		var genuine = send(post(claim, body).header("X-XSRF-TOKEN", token()));
		assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(204);
		assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(USER);
	}

	@Test
	void ourApiRefusesWritesOnAWebappLoginEvenWithTheToken() throws Exception {
		logIn();
		var write = send(post("/api/freezes", "{}").header("X-XSRF-TOKEN", token()));
		assertThat(write.statusCode()).isEqualTo(401);
		assertThat(write.body()).contains("A Tasklist or Cockpit login only authenticates reads; POST needs HTTP Basic.");
		assertThat(send(request("/api/freezes").GET()).statusCode()).as("reads it does").isEqualTo(200);
	}

	private void logIn() throws Exception {
		// as Tasklist does: the page hands out the CSRF token the login has to echo
		assertThat(send(request("/camunda/app/tasklist/default/").GET()).statusCode()).isEqualTo(200);
		var login = send(request("/camunda/api/admin/auth/user/default/login/tasklist")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", token())
			.POST(HttpRequest.BodyPublishers.ofString("username=" + USER + "&password=" + PASSWORD)));
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		// the login starts a new session with a new token, handed out with the next webapp read
		assertThat(send(request("/camunda/api/admin/auth/user/default").GET()).statusCode()).isEqualTo(200);
	}

	private HttpRequest.Builder post(String path, String json) {
		return request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private String token() {
		return TestUsers.csrfToken(cookies);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
