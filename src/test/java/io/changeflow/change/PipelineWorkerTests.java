package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.AppTest;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CI/CD worker's side: Camunda's own external task client, signed in as the demo pipeline {@code ci-bot}, works
 * the pipeline steps of an automated change over /engine-rest of the running app, and the engine alone decides what
 * it may fetch and which results it takes.
 */
@AppTest
class PipelineWorkerTests {

	static final Map<String, Object> AUTOMATED = Map.of("implementation", "automated");

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	private final List<ExternalTaskClient> clients = new ArrayList<>();

	/** What the handlers did, in order: the topic and what the worker saw or was told. */
	private final BlockingQueue<String> handled = new LinkedBlockingQueue<>();

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		clients.forEach(ExternalTaskClient::stop);
		changes.end();
	}

	@Test
	void aWorkerImplementsAndVerifiesAndTheChangeGoesOnToClose() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);
		assertThat(changes.step(change)).isWaitingAt("PipelineImplementsChange");

		ExternalTaskClient ciBot = worker("ci-bot");
		subscribe(ciBot, "change-implement", change, (task, service) -> {
			service.complete(task, Map.of("implementationResult", "success", "pipelineRunUrl",
					"https://ci.example/runs/88"));
			handled.add("change-implement to " + task.getVariable("targetEnvironment"));
		});
		subscribe(ciBot, "change-verify", change, (task, service) -> {
			service.complete(task, Map.of("verificationResult", "success", "verificationEvidence",
					"Smoke tests 42/42, error rate 0.1 %"));
			handled.add("change-verify");
		});

		assertThat(next()).isEqualTo("change-implement to production");
		assertThat(next()).isEqualTo("change-verify");
		assertThat(changes.step(change)).isWaitingAt("CloseChange");
		assertThat(change).hasPassed("ImplementAndVerifyChange")
			.variables()
			.containsEntry("outcome", "Implemented and verified")
			.containsEntry("implementationResult", "success")
			.containsEntry("verificationResult", "success")
			.containsEntry("verificationEvidence", "Smoke tests 42/42, error rate 0.1 %");
		assertThat(changes.openTasks(change)).extracting("name").containsExactly("Close change");
	}

	@Test
	void aFailedVerificationGoesToRollBack() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		ExternalTaskClient ciBot = worker("ci-bot");
		subscribe(ciBot, "change-implement", change, (task, service) -> {
			service.complete(task, Map.of("implementationResult", "success"));
			handled.add("change-implement");
		});
		subscribe(ciBot, "change-verify", change, (task, service) -> {
			service.complete(task, Map.of("verificationResult", "failed", "verificationEvidence",
					"Error rate 7 % after deploy", "pipelineRunUrl", "https://ci.example/runs/89"));
			handled.add("change-verify");
		});

		assertThat(next()).isEqualTo("change-implement");
		assertThat(next()).isEqualTo("change-verify");
		assertThat(changes.step(change)).isWaitingAt("RollBackChange")
			.variables()
			.containsEntry("outcome", "Verification failed: rolled back")
			.containsEntry("pipelineRunUrl", "https://ci.example/runs/89");
		assertThat(changes.openTasks(change).get(0)).hasCandidateGroup("implementers");
	}

	@Test
	void aFailedDeploymentSkipsVerificationAndGoesToRollBack() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		subscribe(worker("ci-bot"), "change-implement", change, (task, service) -> {
			service.complete(task, Map.of("implementationResult", "failed", "pipelineRunUrl",
					"https://ci.example/runs/90"));
			handled.add("change-implement");
		});

		assertThat(next()).isEqualTo("change-implement");
		ProcessInstance step = changes.step(change);
		assertThat(step).isWaitingAt("RollBackChange")
			.hasPassed("DeploymentFailed")
			.hasNotPassed("PipelineVerifiesChange")
			.variables()
			.containsEntry("outcome", "Deployment failed: rolled back")
			.containsEntry("verificationResult", "failed");
	}

	@Test
	void anInvalidResultIsRefusedToTheWorkerAndTheStepStaysOpen() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		subscribe(worker("ci-bot"), "change-implement", change, (task, service) -> {
			try {
				service.complete(task, Map.of("implementationResult", "deployed", "pipelineRunUrl",
						"ftp://ci.example/runs/91"));
				handled.add("completed");
			}
			catch (RestException refused) {
				handled.add(refused.getHttpStatusCode() + " " + refused.getMessage());
			}
		});

		assertThat(next()).startsWith("400 ")
			.contains("Cannot complete 'Pipeline implements change'")
			.contains("implementationResult 'deployed' is not one of success, failed")
			.contains("pipelineRunUrl 'ftp://ci.example/runs/91' is not an http or https URL");
		ProcessInstance step = changes.step(change);
		assertThat(step).isWaitingAt("PipelineImplementsChange");
		ExternalTask open = externalTasks.createExternalTaskQuery().processInstanceId(step.getId()).singleResult();
		assertThat(open.getWorkerId()).isEqualTo("ci-bot-worker");
		assertThat(runtime.getVariable(step.getId(), "implementationResult")).isNull();
	}

	@Test
	void aWorkerFailingWithoutRetriesLeavesAnIncidentForCockpit() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		subscribe(worker("ci-bot"), "change-implement", change, (task, service) -> {
			service.handleFailure(task, "Deploy job crashed", "exit code 137 (out of memory)", 0, 0);
			handled.add("failed");
		});

		assertThat(next()).isEqualTo("failed");
		ProcessInstance step = changes.step(change);
		Incident incident = runtime.createIncidentQuery().processInstanceId(step.getId()).singleResult();
		assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
		assertThat(incident.getActivityId()).isEqualTo("PipelineImplementsChange");
		assertThat(incident.getIncidentMessage()).isEqualTo("Deploy job crashed");
		assertThat(step).isWaitingAt("PipelineImplementsChange");
	}

	@Test
	void onlyPipelinesFetchTheSteps() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);
		String step = changes.step(change).getId();

		// the requester and an implementer: Tasklist people, not workers
		for (String user : List.of("alice", "leo")) {
			assertThat(fetchAndLock(user, "change-implement", change)).as("what %s fetches", user).isEmpty();
		}
		assertThat(externalTasks.createExternalTaskQuery().processInstanceId(step).singleResult().getWorkerId())
			.isNull();
		JsonNode fetched = fetchAndLock("ci-bot", "change-implement", change);
		assertThat(fetched).hasSize(1);
		assertThat(fetched.get(0).get("activityId").asText()).isEqualTo("PipelineImplementsChange");
	}

	@Test
	void theRuntimeUpgradeTopicsAreTheChainToolingsToFetch() throws Exception {
		// the vote and the enactment are RuntimeUpgradeProcessTests'; here the upgrade starts at its migration
		String hash = "0x" + "cd".repeat(32);
		var proposal = new HashMap<String, Object>();
		proposal.put("requester", "alice");
		proposal.put("title", "Runtime 905");
		proposal.put("specName", "pipeline-test-runtime");
		proposal.put("specVersion", 905L);
		proposal.put("authorizedWasmHash", hash);
		proposal.put("implementation", "automated");
		// as alice: nobody may name another requester
		engine.getIdentityService().setAuthentication("alice", List.of("requesters"));
		ProcessInstance upgrade;
		try {
			upgrade = runtime.createProcessInstanceByKey("change-runtime-upgrade")
				.startBeforeActivity("MigrationByTooling")
				.setVariables(proposal)
				.execute();
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		try {
			ExternalTaskClient ciBot = worker("ci-bot");
			subscribe(ciBot, "runtime-upgrade-migrate", upgrade, (task, service) -> {
				service.complete(task, Map.of("hooksExecuted", true, "storageMigrated", true, "enactedSpecVersion",
						905L, "enactedWasmHash", hash));
				handled.add("runtime-upgrade-migrate");
			});
			subscribe(ciBot, "runtime-upgrade-verify", upgrade, (task, service) -> {
				service.complete(task, Map.of("blockProduction", true, "finality", true, "featuresFunctional", true,
						"verificationNotes", "Finalized 100 blocks"));
				handled.add("runtime-upgrade-verify");
			});

			assertThat(next()).isEqualTo("runtime-upgrade-migrate");
			assertThat(next()).isEqualTo("runtime-upgrade-verify");
			assertThat(upgrade).isWaitingAt("CloseChange").variables().containsEntry("outcome", "Enacted and verified");
		}
		finally {
			jdbc.sql("delete from cf_runtime_release where spec_name = 'pipeline-test-runtime'").update();
		}
	}

	/** A worker signed in as {@code user} (password = user id), polling often so the tests need not wait. */
	private ExternalTaskClient worker(String user) {
		ExternalTaskClient client = ExternalTaskClient.create()
			.baseUrl("http://localhost:" + port + "/engine-rest")
			.workerId(user + "-worker")
			.addInterceptor(new BasicAuthProvider(user, user))
			.backoffStrategy(new ExponentialBackoffStrategy(100, 2, 1_000))
			.lockDuration(60_000)
			.build();
		clients.add(client);
		return client;
	}

	// only this test's change: steps of other tests' changes may still be open in the shared database
	private static void subscribe(ExternalTaskClient client, String topic, ProcessInstance change,
			ExternalTaskHandler handler) {
		client.subscribe(topic)
			.processVariableEquals("changeId", change.getBusinessKey())
			.variables("changeId", "targetEnvironment")
			.handler(handler)
			.open();
	}

	private String next() throws InterruptedException {
		String event = handled.poll(30, TimeUnit.SECONDS);
		assertThat(event).as("a handler ran within 30 s").isNotNull();
		return event;
	}

	/** POST /engine-rest/external-task/fetchAndLock as {@code user}, for the steps of {@code change} only. */
	private JsonNode fetchAndLock(String user, String topic, ProcessInstance change) throws Exception {
		String body = JSON.writeValueAsString(Map.of("workerId", user + "-worker", "maxTasks", 10, "topics",
				List.of(Map.of("topicName", topic, "lockDuration", 60_000, "processVariables",
						Map.of("changeId", change.getBusinessKey())))));
		var request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/external-task/fetchAndLock"))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
