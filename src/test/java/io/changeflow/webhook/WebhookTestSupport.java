package io.changeflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application with two subscriptions on local receivers: {@code pipeline} gets phase and gate changes,
 * {@code audit} phase changes only. Backoff 1, 2, 3 minutes (capped), 4 attempts. The test classes extending this
 * share one application context, with a database of its own.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1",
		"changeflow.webhooks.request-timeout=PT2S", "changeflow.webhooks.backoff.initial-delay=PT1M",
		"changeflow.webhooks.backoff.max-delay=PT3M", "changeflow.webhooks.backoff.max-attempts=4" })
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
abstract class WebhookTestSupport {

	static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	static final String PIPELINE_SECRET = "pipeline-secret-0f9e";

	static final String AUDIT_SECRET = "audit-secret-77ab";

	static final Receiver PIPELINE = Receiver.start();

	static final Receiver AUDIT = Receiver.start();

	@Autowired
	WebhookDispatcher dispatcher;

	@Autowired
	Deliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	private ApplicationEventPublisher publisher;

	@Autowired
	private TransactionTemplate transaction;

	@DynamicPropertySource
	static void subscriptions(DynamicPropertyRegistry registry) {
		registry.add("changeflow.webhooks.subscriptions[0].name", () -> "pipeline");
		registry.add("changeflow.webhooks.subscriptions[0].url", PIPELINE::url);
		registry.add("changeflow.webhooks.subscriptions[0].secret", () -> PIPELINE_SECRET);
		registry.add("changeflow.webhooks.subscriptions[0].events", () -> "change.phase,change.gate");
		registry.add("changeflow.webhooks.subscriptions[1].name", () -> "audit");
		registry.add("changeflow.webhooks.subscriptions[1].url", AUDIT::url);
		registry.add("changeflow.webhooks.subscriptions[1].secret", () -> AUDIT_SECRET);
		registry.add("changeflow.webhooks.subscriptions[1].events", () -> "change.phase");
	}

	@BeforeEach
	void startClean() {
		ClockUtil.setCurrentTime(Date.from(NOW));
		jdbc.sql("delete from cf_webhook_delivery").update();
		PIPELINE.reset();
		AUDIT.reset();
	}

	@AfterEach
	void resetEngineClock() {
		ClockUtil.reset();
	}

	/** Publishes as the engine will: inside the transaction that moved the change, which commits. */
	void publishCommitted(Object... events) {
		transaction.executeWithoutResult(status -> List.of(events).forEach(publisher::publishEvent));
	}

	/** Publishes inside a transaction that then rolls back. */
	void publishRolledBack(Object... events) {
		transaction.executeWithoutResult(status -> {
			List.of(events).forEach(publisher::publishEvent);
			status.setRollbackOnly();
		});
	}

	static void clockAt(Duration sinceNow) {
		ClockUtil.setCurrentTime(Date.from(NOW.plus(sinceNow)));
	}

	/** Oldest first. */
	List<Delivery> deliveriesTo(String subscription) {
		var list = new ArrayList<>(deliveries.list(null, null, 500)
			.stream()
			.filter(delivery -> delivery.subscription().equals(subscription))
			.toList());
		Collections.reverse(list);
		return list;
	}

	/**
	 * What a receiver does, written here rather than calling the application's signer: HMAC-SHA256 over
	 * "timestamp.body", compared in constant time.
	 */
	static boolean signedWith(String secret, Receiver.Request request) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac.doFinal((request.header("X-Changeflow-Timestamp") + "." + request.body())
			.getBytes(StandardCharsets.UTF_8));
		String signature = request.header("X-Changeflow-Signature");
		return signature.startsWith("sha256=") && MessageDigest.isEqual(expected,
				HexFormat.of().parseHex(signature.substring("sha256=".length())));
	}

}
