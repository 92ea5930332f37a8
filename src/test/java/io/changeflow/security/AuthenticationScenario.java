package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.TestUsers;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Nobody gets anything without logging in: every endpoint the app maps, whoever maps it, refuses an anonymous call,
 * and a user locked out by failed logins is refused everywhere until an administrator unlocks them. Subclasses choose
 * the database and import {@link NewlyAdded}.
 */
abstract class AuthenticationScenario {

	/** What answers anonymously on purpose: the probes (see {@link #onlyTheProbesAndTheWayToTheLoginAreAnonymous}). */
	private static final Set<String> PROBES = Set.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	/** A new controller the app does not have: the walk must find and refuse it without being told. */
	private static final String NEWLY_ADDED = "/newly-added/{id}";

	private static final String LOCKED = "lockout-lou";

	private static final String DELAYED = "lockout-dee";

	private static final String VARIABLE = "walkMarker";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	ApplicationContext context;

	/** A task anyone who got through could claim, complete or write to. */
	private String taskId;

	@BeforeEach
	void fixtures() {
		var identity = engine.getIdentityService();
		for (String user : List.of(LOCKED, DELAYED)) {
			// PostgreSQL keeps the last run's users and their failed attempts
			if (identity.createUserQuery().userId(user).count() > 0) {
				identity.deleteUser(user);
			}
			var entity = identity.newUser(user);
			entity.setPassword(user + "-Secret1");
			identity.saveUser(entity);
			// Tasklist access, so the webapp login of the right password succeeds
			identity.createMembership(user, Roles.REQUESTERS);
		}
		var task = engine.getTaskService().newTask();
		task.setName("Walk target");
		engine.getTaskService().saveTask(task);
		engine.getTaskService().addCandidateGroup(task.getId(), Roles.REVIEWERS);
		engine.getTaskService().setVariable(task.getId(), VARIABLE, "untouched");
		taskId = task.getId();
	}

	@AfterEach
	void cleanUp() {
		ClockUtil.reset();
		engine.getTaskService().deleteTask(taskId, true);
	}

	@Test
	void everyMappedEndpointRefusesAnonymousCalls() throws Exception {
		var before = state();
		var endpoints = mvcEndpoints();
		assertThat(endpoints).as("found by the walk, not listed by hand")
			.contains("GET /newly-added/1", "POST /newly-added/1", "GET /api/freezes", "POST /api/changes",
					"GET /calendar", "GET /dashboard", "GET /v3/api-docs", "GET /swagger-ui.html", "GET /error",
					"GET /actuator", "GET /actuator/prometheus", "GET /actuator/info");
		for (String path : context.getBean(PathMappedEndpoints.class).getAllPaths()) {
			endpoints.add("GET " + path);
		}
		// what answered without login before issue 8: static resources, webjars, unmapped paths, Swagger UI's files
		endpoints.addAll(List.of("GET /webjars/swagger-ui/index.html", "GET /webjars/camunda/app/welcome/index.html",
				"GET /swagger-ui/index.html", "GET /v3/api-docs/swagger-config", "GET /favicon.ico",
				"GET /no-such-page", "POST /no-such-page", "GET /camunda/../actuator/prometheus",
				"GET /camunda/%2e%2e/actuator/prometheus", "GET /api;x=1/freezes"));
		endpoints.removeIf((endpoint) -> PROBES.contains(endpoint.substring(endpoint.indexOf(' ') + 1)));

		for (String endpoint : endpoints) {
			String[] call = endpoint.split(" ", 2);
			var response = send(call[0], call[1], null);
			assertThat(response.statusCode()).as(endpoint).isIn(401, 400);
			if (response.statusCode() == 400) {
				// Tomcat refuses the path before any servlet or filter: nothing answered
				assertThat(call[1]).contains("..");
			}
		}
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void everyEngineRestCallRefusesAnonymousCalls() throws Exception {
		var before = state();
		for (String endpoint : engineRestEndpoints()) {
			String[] call = endpoint.split(" ", 2);
			var response = send(call[0], "/engine-rest" + call[1], null);
			assertThat(response.statusCode()).as(endpoint).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(endpoint).isPresent();
		}
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void theWebappApisRefuseCallsWithoutAWebappLogin() throws Exception {
		var before = state();
		var cookies = new CookieManager();
		var browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		// an anonymous session with a valid CSRF token: the refusal is the missing login, not the missing token
		assertThat(browser.send(request("GET", "/camunda/app/tasklist/default/", null).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		String token = TestUsers.csrfToken(cookies);
		for (String endpoint : webappEndpoints()) {
			String[] call = endpoint.split(" ", 2);
			var plain = send(call[0], "/camunda/api" + call[1], null);
			assertThat(plain.statusCode()).as(endpoint).isIn(401, 403);
			var withToken = browser.send(request(call[0], "/camunda/api" + call[1], null).header("X-XSRF-TOKEN", token)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(withToken.statusCode()).as(endpoint).isIn(401, 403);
			assertThat(withToken.headers().firstValue("X-XSRF-TOKEN")).as(endpoint + ": not the CSRF check").isEmpty();
		}
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void onlyTheProbesAndTheWayToTheLoginAreAnonymous() throws Exception {
		for (String probe : PROBES) {
			var response = send("GET", probe, null);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			var health = JSON.readTree(response.body());
			assertThat(health.get("status").asText()).as(probe).isEqualTo("UP");
			assertThat(health.fieldNames()).toIterable().as("no details for anonymous").isSubsetOf("status", "groups");
		}
		var root = send("GET", "/", null);
		assertThat(root.statusCode()).isEqualTo(302);
		assertThat(root.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/camunda/app/"));
		assertThat(root.body()).isEmpty();
		// the login page's first-visit check: a Basic challenge would open the browser's password dialog over it
		var firstVisit = send("GET", "/camunda-welcome", null);
		assertThat(firstVisit.statusCode()).isEqualTo(404);
		assertThat(firstVisit.headers().firstValue("WWW-Authenticate")).isEmpty();
		var login = send("GET", "/camunda/app/welcome/default/", null);
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("<html");
	}

	@Test
	void tenFailedLoginsLockTheUserEverywhereUntilAnAdministratorUnlocksThem() throws Exception {
		Instant start = Instant.now();
		for (int failure = 0; failure < 10; failure++) {
			// past the growing delay (at most 60 s), so each attempt counts
			ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61L * failure)));
			// every way in counts towards the same lockout
			switch (failure % 3) {
				case 0 -> assertThat(send(basic(request("GET", "/api/freezes", null), LOCKED, "wrong")).statusCode())
					.isEqualTo(401);
				case 1 -> assertThat(send(basic(request("GET", "/engine-rest/task", null), LOCKED, "wrong"))
					.statusCode()).isEqualTo(401);
				default -> assertThat(webappLogin(LOCKED, "wrong")).isEqualTo(401);
			}
		}
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61L * 10 + 3600)));
		assertThat(rightPasswordAnswers(LOCKED)).as("locked, an hour later still").containsOnly(401);

		engine.getIdentityService().unlockUser(LOCKED);
		assertThat(rightPasswordAnswers(LOCKED)).containsExactly(200, 200, 200);
	}

	@Test
	void aWrongPasswordDelaysTheNextLoginOfThatUserLongerWithEachFailure() throws Exception {
		Instant start = Instant.now();
		ClockUtil.setCurrentTime(Date.from(start));
		assertThat(webappLogin(DELAYED, "wrong")).isEqualTo(401);
		// 3 s after the first failure
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(2)));
		assertThat(rightPasswordAnswers(DELAYED)).containsOnly(401);
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(4)));
		assertThat(send(basic(request("GET", "/engine-rest/task", "wrong"), DELAYED, "wrong")).statusCode())
			.isEqualTo(401);
		// 6 s after the second
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(9)));
		assertThat(rightPasswordAnswers(DELAYED)).containsOnly(401);
		ClockUtil.setCurrentTime(Date.from(start.plusSeconds(11)));
		assertThat(rightPasswordAnswers(DELAYED)).containsExactly(200, 200, 200);
	}

	/** The right password on /api, /engine-rest and the Tasklist login, in that order. */
	private List<Integer> rightPasswordAnswers(String user) throws Exception {
		String password = user + "-Secret1";
		return List.of(send(basic(request("GET", "/api/freezes", null), user, password)).statusCode(),
				send(basic(request("GET", "/engine-rest/task", null), user, password)).statusCode(),
				webappLogin(user, password));
	}

	private int webappLogin(String user, String password) throws Exception {
		var cookies = new CookieManager();
		var browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		browser.send(request("GET", "/camunda/app/tasklist/default/", null).build(),
				HttpResponse.BodyHandlers.discarding());
		String token = TestUsers.csrfToken(cookies);
		return browser.send(request("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
				"username=" + user + "&password=" + password)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", token)
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** "METHOD /path" of every handler method of every request mapping (ours, springdoc's, the actuator's). */
	private List<String> mvcEndpoints() {
		var endpoints = new TreeSet<String>();
		for (var mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
			for (var info : mapping.getHandlerMethods().keySet()) {
				var methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
				for (String pattern : info.getPatternValues()) {
					for (String method : methods.isEmpty() ? List.of("GET", "POST") : methods) {
						endpoints.add(method + " " + fill(pattern));
					}
				}
			}
		}
		return new ArrayList<>(endpoints);
	}

	/** Path variables and wildcards filled; the value does not matter, the refusal comes before any mapping. */
	private static String fill(String pattern) {
		return pattern.replaceAll("\\{[^}]*\\}", "1").replace("/**", "/1").replace("/*", "/1");
	}

	private List<String> engineRestEndpoints() {
		String task = "/task/" + taskId;
		return List.of("GET /engine", "GET /engine/default/task", "POST /engine/default" + task + "/claim",
				"GET /version", "GET /openapi.json", "GET /process-definition",
				"GET /process-definition/key/change-normal/xml", "POST /process-definition/key/change-normal/start",
				"POST /process-definition/key/change-normal/submit-form",
				"PUT /process-definition/key/change-normal/suspended", "DELETE /process-definition/key/change-normal",
				"GET /process-instance", "POST /process-instance", "POST /process-instance/delete",
				"PUT /process-instance/suspended", "DELETE /process-instance/1", "POST /process-instance/1/modification",
				"POST /process-instance/1/variables", "GET /task", "POST /task", "GET " + task, "POST " + task + "/claim",
				"POST " + task + "/unclaim", "POST " + task + "/assignee", "POST " + task + "/complete",
				"POST " + task + "/submit-form", "POST " + task + "/resolve", "GET " + task + "/variables",
				"POST " + task + "/variables", "PUT " + task + "/variables/" + VARIABLE,
				"DELETE " + task + "/variables/" + VARIABLE, "POST " + task + "/identity-links",
				"POST /task/create", "DELETE " + task, "GET /external-task", "POST /external-task/fetchAndLock",
				"POST /external-task/1/complete", "POST /external-task/1/failure", "POST /external-task/1/lock",
				"GET /deployment", "POST /deployment/create", "DELETE /deployment/1", "GET /authorization",
				"POST /authorization/create", "PUT /authorization/1", "DELETE /authorization/1", "GET /user",
				"POST /user/create", "PUT /user/demo/credentials", "PUT /user/demo/profile", "POST /user/demo/unlock",
				"DELETE /user/demo", "GET /group", "POST /group/create", "PUT /group/change-managers/members/alice",
				"DELETE /group/change-managers", "GET /identity/groups?userId=demo", "POST /identity/verify",
				"GET /tenant", "GET /filter", "POST /filter/create", "GET /job", "POST /job/1/execute",
				"PUT /job/1/retries", "PUT /job/suspended", "GET /job-definition", "GET /incident",
				"PUT /incident/1/annotation", "GET /history/process-instance", "GET /history/task",
				"GET /history/user-operation", "GET /history/variable-instance", "POST /history/cleanup",
				"DELETE /history/process-instance/1", "POST /message", "POST /signal", "POST /condition",
				"GET /batch", "DELETE /batch/1", "POST /migration/generate", "POST /migration/execute",
				"POST /modification/execute", "POST /restart", "GET /variable-instance", "GET /execution",
				"POST /execution/1/signal", "GET /decision-definition", "POST /decision-definition/key/x/evaluate",
				"GET /metrics", "GET /telemetry/data", "GET /schema/log", "POST /process-instance/1/comment");
	}

	/** Camunda's own webapp APIs, without the login endpoints. */
	private List<String> webappEndpoints() {
		String engine = "/engine/engine/default";
		return List.of("GET " + engine + "/task", "POST " + engine + "/task/" + taskId + "/claim",
				"POST " + engine + "/task/" + taskId + "/complete", "PUT " + engine + "/task/" + taskId + "/variables/"
						+ VARIABLE,
				"POST " + engine + "/process-definition/key/change-normal/start", "GET " + engine + "/user",
				"POST " + engine + "/user/create", "DELETE " + engine + "/user/demo", "POST " + engine
						+ "/authorization/create",
				"POST " + engine + "/group/create", "GET " + engine + "/process-instance",
				"GET /cockpit/plugin/base/default/process-definition/statistics",
				"POST /cockpit/plugin/base/default/process-instance", "POST /admin/setup/default/user/create");
	}

	/** What a call that got through would have changed. */
	private Map<String, Object> state() {
		var state = new LinkedHashMap<String, Object>();
		state.put("users", engine.getIdentityService().createUserQuery().count());
		state.put("groups", engine.getIdentityService().createGroupQuery().count());
		state.put("authorizations", engine.getAuthorizationService().createAuthorizationQuery().count());
		state.put("deployments", engine.getRepositoryService().createDeploymentQuery().count());
		state.put("suspended definitions", engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.suspended()
			.count());
		state.put("process instances", engine.getRuntimeService().createProcessInstanceQuery().count());
		state.put("tasks", engine.getTaskService().createTaskQuery().count());
		state.put("filters", engine.getFilterService().createFilterQuery().count());
		var task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
		state.put("target assignee", String.valueOf(task.getAssignee()));
		state.put("target variable", engine.getTaskService().getVariable(taskId, VARIABLE));
		return state;
	}

	private HttpRequest.Builder request(String method, String path, String body) {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60));
		if (body == null && Set.of("POST", "PUT", "PATCH").contains(method)) {
			// a plausible body, so nothing is refused for its shape before authentication is asked for
			return request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString("{}"));
		}
		return request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
	}

	private static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
		return request.header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
		return send(request(method, path, body));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Stands for a controller someone adds tomorrow, under a path no filter names. */
	@RestController
	static class NewlyAdded {

		@GetMapping(NEWLY_ADDED)
		String read(@PathVariable String id) {
			return "read " + id;
		}

		@PostMapping(NEWLY_ADDED)
		String write(@PathVariable String id) {
			return "written " + id;
		}

	}

}
