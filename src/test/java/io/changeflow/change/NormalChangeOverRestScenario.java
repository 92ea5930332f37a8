package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.TestUsers;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tooling path: people drive a normal change to closed over /engine-rest with HTTP Basic, and the engine refuses
 * what the policy forbids exactly as it does in Tasklist. Subclasses choose the database.
 */
abstract class NormalChangeOverRestScenario {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	/** Process instance id → change id (CHG-…), which the shared steps' tasks carry as variable changeId. */
	private final Map<String, String> changeIds = new HashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@BeforeEach
	void reviewerWhoAlsoRequestsChanges() {
		TestUsers.ensure(identity, "rita", "rita", "requesters", "reviewers");
	}

	@Test
	void peopleDriveAChangeToClosedAndTheEngineRefusesWhatThePolicyForbids() throws Exception {
		assertThat(call("GET", "/task", null, null, null).statusCode()).as("anonymous").isEqualTo(401);
		// a wrong password also delays that user's next login (engine brute-force protection), so use a bystander
		assertThat(call("GET", "/task", "victor", "wrong", null).statusCode()).as("wrong password").isEqualTo(401);
		// and lifts it again: other tests sign victor in
		identity.unlockUser("victor");

		var incomplete = call("POST", "/process-definition/key/change-normal/start", "alice", "alice",
				Map.of("variables", Map.of("title", Map.of("value", "Half a request"))));
		assertThat(incomplete.statusCode()).isEqualTo(500);
		assertThat(incomplete.body()).contains("missing Summary (summary)", "Rollback plan (rollbackPlan)");

		String change = start("alice", "application-code");
		assertThat(tasks("bob", change)).as("another requester sees nothing of alice's change").isEmpty();
		assertThat(tasks("alice", change)).as("the requester has no review task").isEmpty();

		List<JsonNode> reviews = tasks("carol", change);
		assertThat(reviews).hasSize(2);
		assertThat(decide("alice", reviews.get(0), "approve").statusCode()).as("requester lacks task grants")
			.isEqualTo(403);
		assertThat(decide("carol", reviews.get(0), "approve").statusCode()).isEqualTo(204);
		var twice = decide("carol", reviews.get(1), "approve");
		assertThat(twice.statusCode()).isEqualTo(403);
		assertThat(twice.body()).contains("carol already decided on this change in this round");
		assertThat(decide("dave", reviews.get(1), "approve").statusCode()).isEqualTo(204);

		for (String member : List.of("ivan", "judy", "ken")) {
			List<JsonNode> seats = tasks(member, change);
			assertThat(seats).as("%s sees exactly their CAB seat", member).hasSize(1);
			assertThat(decide(member, seats.get(0), "approve").statusCode()).isEqualTo(204);
		}

		// the asynchronous scheduling step and the slot timer (requested date passed: slot is now)
		executeJobs(change);
		executeJobs(change);
		complete("leo", change, "Implement change", Map.of("implementationNotes", "Rolled out v2 via pipeline #88"));
		complete("heidi", change, "Verify change", Map.of("verificationResult", "success", "verificationNotes", "Healthy"));
		complete("leo", change, "Close change", Map.of("lessonsLearned", "Smooth"));

		JsonNode history = json(call("GET", "/history/process-instance/" + change, "demo", "demo", null));
		assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
		assertThat(json(call("GET", "/history/activity-instance?activityId=ChangeClosed&processInstanceId=" + change,
				"demo", "demo", null))).hasSize(1);
	}

	@Test
	void aRequesterCannotApproveTheirOwnChangeOverRest() throws Exception {
		String change = start("rita", "documentation");
		JsonNode review = tasks("rita", change).get(0);

		var self = decide("rita", review, "approve");
		assertThat(self.statusCode()).isEqualTo(403);
		assertThat(self.body()).contains("rita requested this change and cannot decide on it (separation of duties)");
		assertThat(decide("carol", review, "approve").statusCode()).isEqualTo(204);
	}

	private String start(String requester, String changeType) throws Exception {
		var request = Changes.completeRequest();
		request.put("changeType", changeType);
		request.put("requestedDate", "2026-01-02");
		var response = call("POST", "/process-definition/key/change-normal/start", requester, requester,
				Map.of("variables", restVariables(request)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode started = json(response);
		this.changeIds.put(started.get("id").asText(), started.get("businessKey").asText());
		return started.get("id").asText();
	}

	/** The tasks of one change that a user may see, oldest first, also those of the shared steps it calls. */
	private List<JsonNode> tasks(String user, String change) throws Exception {
		var list = json(call("GET",
				"/task?sortBy=created&sortOrder=asc&processVariables=changeId_eq_" + this.changeIds.get(change), user,
				user, null));
		return StreamSupport.stream(list.spliterator(), false).toList();
	}

	private HttpResponse<String> decide(String user, JsonNode task, String decision) throws Exception {
		return call("POST", "/task/" + task.get("id").asText() + "/complete", user, user,
				Map.of("variables", Map.of("decision", Map.of("value", decision))));
	}

	private void complete(String user, String change, String taskName, Map<String, Object> values)
			throws Exception {
		JsonNode task = tasks(user, change).stream()
			.filter(candidate -> candidate.get("name").asText().equals(taskName))
			.findFirst()
			.orElseThrow(() -> new AssertionError(user + " has no task '" + taskName + "'"));
		var response = call("POST", "/task/" + task.get("id").asText() + "/complete", user, user,
				Map.of("variables", restVariables(values)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
	}

	/** Engine REST wraps each variable: {"name": {"value": ...}}. */
	private static Map<String, Object> restVariables(Map<String, Object> values) {
		var variables = new LinkedHashMap<String, Object>();
		values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
		return variables;
	}

	// the jobs wait in the shared step the change calls (scheduling)
	private void executeJobs(String change) throws Exception {
		JsonNode step = json(call("GET", "/process-instance?superProcessInstance=" + change, "demo", "demo", null)).get(0);
		for (JsonNode job : json(call("GET", "/job?processInstanceId=" + step.get("id").asText(), "demo", "demo",
				null))) {
			var response = call("POST", "/job/" + job.get("id").asText() + "/execute", "demo", "demo", null);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
		}
	}

	private HttpResponse<String> call(String method, String path, String user, String password, Object body)
			throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest" + path))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
