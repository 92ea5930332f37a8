package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.changeflow.audit.AuditedFlows;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pipeline, end to end against the running app: it opens a normal change over /api/changes, is told
 * "awaiting" with the reason, receives the signed webhook when the slot opens, sees "allowed" at the gate, deploys and
 * reports through Camunda's external task client, and the change closes successful. People review, approve and close
 * in between, as they would in Tasklist.
 */
@ExtendWith(AuditedFlows.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:pipeline;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
				"changeflow.webhooks.poll=true", "changeflow.webhooks.dispatch-interval=PT0.2S" })
@ActiveProfiles({ "test", "demo" })
class PipelineScenarioTests {

	static final String SECRET = "pipeline-secret-of-the-test";

	static final Instant SLOT = Instant.parse("2026-12-01T00:00:00Z");

	private static final BlockingQueue<Webhook> WEBHOOKS = new LinkedBlockingQueue<>();

	private static final HttpServer RECEIVER = receiver();

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

	private ExternalTaskClient worker;

	@DynamicPropertySource
	static void subscription(DynamicPropertyRegistry registry) {
		registry.add("changeflow.webhooks.subscriptions[0].name", () -> "deploy-pipeline");
		registry.add("changeflow.webhooks.subscriptions[0].url",
				() -> "http://localhost:" + RECEIVER.getAddress().getPort() + "/hooks/changeflow");
		registry.add("changeflow.webhooks.subscriptions[0].secret", () -> SECRET);
		registry.add("changeflow.webhooks.subscriptions[0].events[0]", () -> "change.gate");
		registry.add("changeflow.webhooks.subscriptions[0].events[1]", () -> "change.phase");
	}

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		if (worker != null) {
			worker.stop();
		}
		changes.end();
	}

	@AfterAll
	static void stopReceiver() {
		RECEIVER.stop(0);
	}

	@Test
	void aPipelineOpensAChangeWaitsForItsSlotDeploysReportsAndTheChangeClosesSuccessful() throws Exception {
		var api = new ApiCalls(port);
		var request = ChangeApiTests.with(ChangeApiTests.normalRequest(), "implementation", "automated");
		var opened = api.post("ci-bot", "/api/changes", request, "Idempotency-Key", "pipeline-run-88");
		assertThat(opened.status()).as(opened.body()).isEqualTo(201);
		String id = opened.json().get("id").asText();
		String gate = "/api/changes/" + id + "/gate?environment=production&artifact=" + ChangeApiTests.COMMIT;

		JsonNode inReview = api.get("ci-bot", gate).json();
		assertThat(inReview.get("state").asText()).isEqualTo("awaiting");
		assertThat(inReview.get("reason").asText()).isEqualTo("In review: awaiting the required approvals");

		// people review and approve in Tasklist; the engine books the slot
		ProcessInstance change = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult();
		changes.approvedByReviewers(change);
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");
		changes.continueAsync(change);
		JsonNode scheduled = api.get("ci-bot", gate).json();
		assertThat(scheduled.get("state").asText()).isEqualTo("awaiting");
		assertThat(scheduled.get("reason").asText()).isEqualTo("Scheduled: the slot opens at 2026-12-01T00:00Z");
		assertThat(scheduled.get("until").asText()).isEqualTo("2026-12-01T00:00:00Z");

		var longPoll = CompletableFuture.supplyAsync(() -> api.get("ci-bot", gate + "&waitSeconds=60"));
		changes.runTimersDueBy(change, SLOT.plusSeconds(5));

		Webhook slotOpened = awaitWebhook(id, "change.gate", "allowed");
		assertThat(slotOpened.signature()).isEqualTo("sha256=" + hmac(slotOpened.timestamp() + "." + slotOpened.body()));
		assertThat(slotOpened.json().at("/data/until").asText()).isEqualTo(api.get("ci-bot", "/api/changes/" + id)
			.json().at("/slot/end").asText());
		JsonNode allowed = longPoll.get(30, TimeUnit.SECONDS).json();
		assertThat(allowed.get("state").asText()).isEqualTo("allowed");

		// the pipeline's worker deploys and verifies; it polls without asyncResponseTimeout, because the engine-rest
		// long poll times out by the engine clock, which stands still in tests
		worker = ExternalTaskClient.create()
			.baseUrl("http://localhost:" + port + "/engine-rest")
			.workerId("pipeline-run-88")
			.addInterceptor(new BasicAuthProvider("ci-bot", "ci-bot"))
			.build();
		worker.subscribe("change-implement").processVariableEquals("changeId", id).handler((task, service) -> service
			.complete(task, Map.of("implementationResult", "success", "pipelineRunUrl", "https://ci.example/runs/88")))
			.open();
		worker.subscribe("change-verify").processVariableEquals("changeId", id).handler((task, service) -> service
			.complete(task, Map.of("verificationResult", "success", "verificationEvidence", "Smoke tests 42/42")))
			.open();
		awaitWebhook(id, "change.phase", "closing");

		// an implementer closes the change with the lessons learned
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "Pipeline went smoothly"));
		JsonNode closed = api.get("ci-bot", "/api/changes/" + id).json();
		assertThat(closed.get("phase").asText()).isEqualTo("closed");
		assertThat(closed.get("outcome").asText()).isEqualTo("Change closed");
		assertThat(closed.get("successful").asBoolean()).isTrue();
		assertThat(awaitWebhook(id, "change.phase", "closed").json().at("/data/outcome").asText())
			.isEqualTo("Change closed");
		assertThat(api.get("ci-bot", gate).json().get("state").asText()).isEqualTo("expired");
	}

	/** The first webhook of this change, type and state or phase, within 30 s; earlier ones are skipped. */
	private static Webhook awaitWebhook(String changeId, String type, String stateOrPhase) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			Webhook next = WEBHOOKS.poll(1, TimeUnit.SECONDS);
			if (next != null && next.type().equals(type) && next.json().at("/change/id").asText().equals(changeId)
					&& stateOrPhase.equals(next.json().at(type.equals("change.gate") ? "/data/state" : "/data/phase")
						.asText())) {
				return next;
			}
		}
		throw new AssertionError("No " + type + " webhook '" + stateOrPhase + "' for " + changeId + " within 30 s");
	}

	private static String hmac(String signed) throws Exception {
		var mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
	}

	private static HttpServer receiver() {
		try {
			var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/hooks/changeflow", exchange -> {
				var headers = exchange.getRequestHeaders();
				WEBHOOKS.add(new Webhook(headers.getFirst("X-Changeflow-Event"),
						headers.getFirst("X-Changeflow-Timestamp"), headers.getFirst("X-Changeflow-Signature"),
						new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Webhook(String type, String timestamp, String signature, String body) {

		JsonNode json() {
			try {
				return ApiCalls.JSON.readTree(body);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
