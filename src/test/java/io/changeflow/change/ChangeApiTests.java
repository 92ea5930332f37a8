package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.AppTest;
import io.changeflow.TestUsers;
import io.changeflow.audit.AuditedFlows;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Opening, reading, listing and withdrawing changes over /api/changes, as tooling does. */
@ExtendWith(AuditedFlows.class)
@AppTest
public class ChangeApiTests {

	static final String COMMIT = "3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	private ApiCalls api;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		api = new ApiCalls(port);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	/** A complete normal change request as a pipeline sends it. */
	public static Map<String, Object> normalRequest() {
		var body = new HashMap<String, Object>(Changes.completeRequest());
		body.put("category", "normal");
		body.put("riskLevel", "low");
		body.put("commitSha", COMMIT);
		return body;
	}

	static Map<String, Object> with(Map<String, Object> request, Object... overrides) {
		var body = new HashMap<>(request);
		for (int i = 0; i < overrides.length; i += 2) {
			if (overrides[i + 1] == null) {
				body.remove((String) overrides[i]);
			}
			else {
				body.put((String) overrides[i], overrides[i + 1]);
			}
		}
		return body;
	}

	@Test
	void aPipelineOpensANormalChangeAndFollowsIt() {
		var created = api.post("alice", "/api/changes", normalRequest());

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode change = created.json();
		String id = change.get("id").asText();
		assertThat(id).matches("CHG-2026-\\d{4,}");
		assertThat(created.header("Location")).endsWith("/api/changes/" + id);
		assertThat(change.get("requester").asText()).isEqualTo("alice");
		assertThat(change.get("category").asText()).isEqualTo("normal");
		assertThat(change.get("phase").asText()).isEqualTo("in-review");
		assertThat(change.get("artifact").asText()).isEqualTo(COMMIT);
		assertThat(change.get("approvals")).isEmpty();
		assertThat(change.get("requiredApprovals").toString()).contains("review: peer review", "CAB: ");
		assertThat(change.at("/links/tasklist").asText()).contains("/camunda/app/tasklist/default/#/?searchQuery=")
			.contains(id);
		assertThat(change.at("/links/cockpit").asText()).contains("/camunda/app/cockpit/default/#/process-instance/");
		// the engine knows it by the same id: Cockpit and Tasklist find it by business key and variable
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);

		changes.decide(instance(id), "reviewers", "carol", "approve", "Looks right");
		JsonNode read = api.get("alice", "/api/changes/" + id).json();
		assertThat(read.get("approvals")).hasSize(1);
		assertThat(read.at("/approvals/0/user").asText()).isEqualTo("carol");
		assertThat(read.at("/approvals/0/decision").asText()).isEqualTo("approve");
		assertThat(read.at("/approvals/0/at").asText()).isNotBlank();
		assertThat(read.get("phase").asText()).isEqualTo("awaiting-cab");
		assertThat(read.at("/gate/state").asText()).isEqualTo("awaiting");

		assertThat(api.get("bob", "/api/changes/" + id).status()).as("another requester").isEqualTo(404);
		assertThat(api.get("carol", "/api/changes/" + id).status()).as("a reviewer").isEqualTo(200);
		assertThat(api.get(null, "/api/changes/" + id).status()).isEqualTo(401);
		assertThat(api.get("alice", "/api/changes/CHG-1999-0001").status()).isEqualTo(404);
	}

	@Test
	void theCallerIsTheRequesterAndOnlyStartersMayOpen() {
		var forged = api.post("alice", "/api/changes", with(normalRequest(), "requester", "mallory"));
		assertThat(forged.status()).isEqualTo(400);
		assertThat(forged.json().at("/errors/0/field").asText()).isEqualTo("requester");

		var reviewer = api.post("carol", "/api/changes", normalRequest());
		assertThat(reviewer.status()).as(reviewer.body()).isEqualTo(403);
		assertThat(reviewer.json().get("detail").asText()).contains("carol may not start a normal change");

		var requesterDeclaring = api.post("alice", "/api/changes", emergencyRequest());
		assertThat(requesterDeclaring.status()).isEqualTo(403);
		var commander = api.post("olivia", "/api/changes", emergencyRequest());
		assertThat(commander.status()).as(commander.body()).isEqualTo(201);
		assertThat(commander.json().get("phase").asText()).isEqualTo("implementing");
	}

	@Test
	void whatThePolicyRefusesIsA400AndConsumesNoNumber() {
		int before = lastNumber();
		var refused = api.post("alice", "/api/changes", with(normalRequest(), "requestedDate", "2026-13-45",
				"linesAdded", -5));

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("problems").toString()).contains("requestedDate", "linesAdded");
		assertThat(lastNumber()).isEqualTo(before);
		var next = api.post("alice", "/api/changes", normalRequest()).json().get("id").asText();
		assertThat(number(next)).isEqualTo(before + 1);
	}

	@Test
	void theSameIdempotencyKeyRetriedInParallelOpensOneChange() throws Exception {
		String key = "deploy-" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<CompletableFuture<ApiCalls.Response>> calls = IntStream.range(0, 10)
				.mapToObj(i -> CompletableFuture.supplyAsync(
						() -> api.post("alice", "/api/changes", normalRequest(), "Idempotency-Key", key), pool))
				.toList();
			var ids = new HashSet<String>();
			int replayed = 0;
			for (var call : calls) {
				var response = call.get();
				assertThat(response.status()).as(response.body()).isEqualTo(201);
				ids.add(response.json().get("id").asText());
				replayed += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
			}
			assertThat(ids).hasSize(1);
			assertThat(replayed).isEqualTo(9);
			assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(ids.iterator().next()).count())
				.isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}

		var other = api.post("alice", "/api/changes", with(normalRequest(), "title", "Something else"),
				"Idempotency-Key", key);
		assertThat(other.status()).isEqualTo(422);
		// keys are per requester: bob's identical key is his own
		assertThat(api.post("bob", "/api/changes", normalRequest(), "Idempotency-Key", key).status()).isEqualTo(201);
		assertThat(api.post("alice", "/api/changes", normalRequest(), "Idempotency-Key", "bad key").status())
			.isEqualTo(400);
	}

	@Test
	void twoHundredParallelCreatesGetTwoHundredDistinctGapFreeIds() throws Exception {
		int before = lastNumber();
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			List<CompletableFuture<ApiCalls.Response>> calls = IntStream.range(0, 200)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post(i % 2 == 0 ? "alice" : "bob",
						"/api/changes", with(normalRequest(), "title", "Parallel " + i)), pool))
				.toList();
			var numbers = new ArrayList<Integer>();
			for (var call : calls) {
				var response = call.get();
				assertThat(response.status()).as(response.body()).isEqualTo(201);
				numbers.add(number(response.json().get("id").asText()));
			}
			assertThat(numbers).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(before + 1, before + 200).boxed().toList());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void changesAreListedNewestFirstWithFiltersAndPages() {
		// a requester of this test's own: a requester sees their own changes, and other tests' are not this test's
		TestUsers.ensure(engine.getIdentityService(), "nadia", "nadia", "requesters");
		String first = api.post("nadia", "/api/changes", normalRequest()).json().get("id").asText();
		String second = api.post("nadia", "/api/changes", normalRequest()).json().get("id").asText();
		api.post("olivia", "/api/changes", emergencyRequest());

		JsonNode page = api.get("nadia", "/api/changes?category=normal&size=2&page=0").json();
		assertThat(page.get("items")).hasSize(2);
		assertThat(page.at("/items/0/id").asText()).isEqualTo(second);
		assertThat(page.at("/items/1/id").asText()).isEqualTo(first);
		assertThat(page.get("totalItems").asLong()).isEqualTo(2);
		assertThat(page.findValuesAsText("requester")).containsOnly("nadia");

		JsonNode emergencies = api.get("demo", "/api/changes?category=emergency&phase=implementing").json();
		assertThat(emergencies.findValuesAsText("category")).isNotEmpty().containsOnly("emergency");
		assertThat(api.get("nadia", "/api/changes?category=emergency").json().get("items")).as("not nadia's").isEmpty();
		assertThat(api.get("demo", "/api/changes?from=2099-01-01T00:00:00Z").json().get("items")).isEmpty();

		var bad = api.get("demo", "/api/changes?category=urgent&phase=done&from=yesterday&size=1000&page=-1");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("errors").findValuesAsText("field"))
			.containsExactlyInAnyOrder("category", "phase", "from", "page", "size");
	}

	@Test
	void aRequesterWithdrawsAChangeBeforeItsImplementationWithAReason() {
		String id = api.post("alice", "/api/changes", normalRequest()).json().get("id").asText();

		assertThat(api.post("alice", "/api/changes/" + id + "/cancel", Map.of()).status()).isEqualTo(400);
		assertThat(api.post("alice", "/api/changes/" + id + "/cancel", Map.of("reason", " ")).status()).isEqualTo(400);
		assertThat(api.post("bob", "/api/changes/" + id + "/cancel", Map.of("reason", "mine now")).status())
			.isEqualTo(403);
		var withdrawn = api.post("alice", "/api/changes/" + id + "/cancel", Map.of("reason", "Superseded by PR 99"));

		assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
		assertThat(withdrawn.json().get("phase").asText()).isEqualTo("closed");
		assertThat(withdrawn.json().get("outcome").asText()).isEqualTo("Withdrawn by alice: Superseded by PR 99");
		assertThat(withdrawn.json().get("successful").asBoolean()).isFalse();
		assertThat(withdrawn.json().at("/gate/state").asText()).isEqualTo("expired");
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		assertThat(api.post("alice", "/api/changes/" + id + "/cancel", Map.of("reason", "again")).status())
			.isEqualTo(409);

		String emergency = api.post("olivia", "/api/changes", emergencyRequest()).json().get("id").asText();
		var tooLate = api.post("olivia", "/api/changes/" + emergency + "/cancel", Map.of("reason", "false alarm"));
		assertThat(tooLate.status()).isEqualTo(409);
		assertThat(tooLate.json().get("detail").asText()).contains("only before its implementation");
	}

	@Test
	void theGateAwaitsApprovalAndPreventsAnotherArtifactOrEnvironment() {
		String id = api.post("alice", "/api/changes", normalRequest()).json().get("id").asText();
		String gate = "/api/changes/" + id + "/gate";

		JsonNode awaiting = api.get("alice", gate + "?environment=production&artifact=" + COMMIT).json();
		assertThat(awaiting.get("state").asText()).isEqualTo("awaiting");
		assertThat(awaiting.get("reason").asText()).contains("In review");
		JsonNode otherArtifact = api.get("alice", gate + "?environment=production&artifact=deadbeef").json();
		assertThat(otherArtifact.get("state").asText()).isEqualTo("prevented");
		assertThat(otherArtifact.get("reason").asText()).contains("deadbeef is not the approved " + COMMIT);
		assertThat(api.get("alice", gate + "?environment=production").json().get("state").asText())
			.isEqualTo("prevented");
		JsonNode staging = api.get("alice", gate + "?environment=staging&artifact=" + COMMIT).json();
		assertThat(staging.get("state").asText()).isEqualTo("prevented");
		assertThat(staging.get("reason").asText()).contains("approved for production, not staging");
		assertThat(api.get("alice", gate + "?waitSeconds=61").status()).isEqualTo(400);
		assertThat(api.get("bob", gate).status()).isEqualTo(404);
	}

	@Test
	void aLongPollIsAnsweredAsSoonAsTheSlotOpens() throws Exception {
		String id = api.post("alice", "/api/changes", normalRequest()).json().get("id").asText();
		ProcessInstance change = changes.approvedByReviewers(instance(id));
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");
		changes.continueAsync(change);
		String gate = "/api/changes/" + id + "/gate?environment=production&artifact=" + COMMIT;

		long started = System.nanoTime();
		JsonNode shortWait = api.get("alice", gate + "&waitSeconds=1").json();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(shortWait.get("state").asText()).isEqualTo("awaiting");
		assertThat(shortWait.get("until").asText()).isEqualTo("2026-12-01T00:00:00Z");

		var poll = CompletableFuture.supplyAsync(() -> api.get("alice", gate + "&waitSeconds=60"));
		Thread.sleep(1500);
		assertThat(poll).as("held while awaiting").isNotDone();
		changes.runTimersDueBy(change, Instant.parse("2026-12-01T00:00:05Z"));

		JsonNode allowed = poll.get(15, TimeUnit.SECONDS).json();
		assertThat(allowed.get("state").asText()).isEqualTo("allowed");
		assertThat(allowed.get("reason").asText()).startsWith("Approved and inside its slot until");
		assertThat(allowed.get("until").asText()).isNotBlank();
		assertThat(api.get("alice", gate.replace(COMMIT, "0ddba11")).json().get("state").asText())
			.isEqualTo("prevented");
	}

	static Map<String, Object> emergencyRequest() {
		return new HashMap<>(Map.of("category", "emergency", "title", "Patch the consensus fork", "incident", "INC-77",
				"reason", "Chain halted", "emergencyKind", "critical-bug-fix", "service", "quantumharmony-node",
				"environment", "production"));
	}

	private ProcessInstance instance(String changeId) {
		return runtime.createProcessInstanceQuery().processInstanceBusinessKey(changeId).singleResult();
	}

	/** The number of the last change opened this (engine) year. */
	private int lastNumber() {
		return jdbc.sql("select last_number from cf_change_counter where change_year = 2026")
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private static int number(String changeId) {
		return Integer.parseInt(changeId.substring("CHG-2026-".length()));
	}

}
