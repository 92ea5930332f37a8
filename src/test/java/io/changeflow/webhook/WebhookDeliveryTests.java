package io.changeflow.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.change.ChangePhase;
import io.changeflow.change.ChangePhaseChanged;
import io.changeflow.change.GateChanged;
import io.changeflow.change.GateState;
import io.changeflow.webhook.Deliveries.Due;
import io.changeflow.webhook.Delivery.Status;
import io.changeflow.webhook.Receiver.Request;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** From the publishing transaction through the outbox to a receiver: signed, retried, in order, never lost. */
class WebhookDeliveryTests extends WebhookTestSupport {

	private static final String CHANGE = "CHG-2026-0001";

	@Autowired
	private WebhookProperties properties;

	@Autowired
	private DeliveryRetention retention;

	@Autowired
	private WebhookSigner signer;

	@Autowired
	private Clock clock;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private ApplicationEventPublisher publisher;

	@Autowired
	private ObjectMapper json;

	@Test
	void aPipelineReceivesTheSignedWebhookWhenTheSlotOpens() throws Exception {
		publishCommitted(new GateChanged(CHANGE, "production", GateState.ALLOWED, "Slot opened",
				Instant.parse("2026-11-21T13:00:00Z"), NOW));
		clockAt(Duration.ofSeconds(5));

		assertThat(dispatcher.dispatchDue()).isEqualTo(1);

		assertThat(AUDIT.requests()).as("audit wants phase changes only").isEmpty();
		assertThat(PIPELINE.requests()).hasSize(1);
		Request request = PIPELINE.requests().get(0);
		String id = request.header("X-Changeflow-Delivery");
		assertThat(UUID.fromString(id).toString()).isEqualTo(id);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("X-Changeflow-Event")).isEqualTo("change.gate");
		assertThat(request.header("X-Changeflow-Timestamp"))
			.isEqualTo(Long.toString(NOW.plusSeconds(5).getEpochSecond()));
		assertThat(signedWith(PIPELINE_SECRET, request)).isTrue();
		assertThat(signedWith(AUDIT_SECRET, request)).isFalse();
		assertThat(request.body()).startsWith("{\"id\":\"" + id + "\",\"type\":\"change.gate\",\"occurredAt\":");
		JSONAssert.assertEquals("""
				{"id": "%s", "type": "change.gate", "occurredAt": "2026-11-21T09:00:00Z",
				 "change": {"id": "CHG-2026-0001", "href": "/api/changes/CHG-2026-0001"},
				 "data": {"changeId": "CHG-2026-0001", "environment": "production", "state": "allowed",
				          "reason": "Slot opened", "until": "2026-11-21T13:00:00Z", "at": "2026-11-21T09:00:00Z"}}
				""".formatted(id), request.body(), JSONCompareMode.STRICT);

		assertThat(deliveriesTo("pipeline")).singleElement().satisfies(delivery -> {
			assertThat(delivery.id()).isEqualTo(id);
			assertThat(delivery.status()).isEqualTo(Status.DELIVERED);
			assertThat(delivery.attempts()).isEqualTo(1);
			assertThat(delivery.lastStatusCode()).isEqualTo(204);
			assertThat(delivery.deliveredAt()).isEqualTo(NOW.plusSeconds(5));
			assertThat(delivery.payload()).isEqualTo(request.body());
		});
		assertThat(dispatcher.dispatchDue()).as("delivered once").isZero();
		assertThat(PIPELINE.requests()).hasSize(1);
	}

	@Test
	void phaseChangesReachEverySubscriptionThatWantsThemEachSignedWithItsSecret() throws Exception {
		publishCommitted(new ChangePhaseChanged(CHANGE, "normal", null, ChangePhase.REQUESTED, null, NOW));
		publishCommitted(new ChangePhaseChanged(CHANGE, "normal", ChangePhase.CLOSING, ChangePhase.CLOSED,
				"Change completed", NOW.plusSeconds(60)));

		assertThat(dispatcher.dispatchDue()).isEqualTo(4);

		for (var receiver : List.of(PIPELINE, AUDIT)) {
			String secret = (receiver == PIPELINE) ? PIPELINE_SECRET : AUDIT_SECRET;
			List<Request> requests = receiver.requests();
			assertThat(requests).hasSize(2).allSatisfy(request -> {
				assertThat(request.header("X-Changeflow-Event")).isEqualTo("change.phase");
				assertThat(signedWith(secret, request)).isTrue();
			});
			JSONAssert.assertEquals("""
					{"type": "change.phase", "occurredAt": "2026-11-21T09:00:00Z",
					 "data": {"changeId": "CHG-2026-0001", "category": "normal", "previous": null,
					          "phase": "requested", "outcome": null, "at": "2026-11-21T09:00:00Z"}}
					""", requests.get(0).body(), JSONCompareMode.LENIENT);
			JSONAssert.assertEquals("""
					{"type": "change.phase", "occurredAt": "2026-11-21T09:01:00Z",
					 "data": {"previous": "closing", "phase": "closed", "outcome": "Change completed"}}
					""", requests.get(1).body(), JSONCompareMode.LENIENT);
		}
		assertThat(PIPELINE.requests().get(0).header("X-Changeflow-Delivery"))
			.as("one delivery per subscription")
			.isNotEqualTo(AUDIT.requests().get(0).header("X-Changeflow-Delivery"));
	}

	@Test
	void aMoveThatRollsBackLeavesNothingToSend() {
		var phase = new ChangePhaseChanged(CHANGE, "normal", ChangePhase.IN_REVIEW, ChangePhase.AWAITING_CAB, null,
				NOW);
		var gate = new GateChanged(CHANGE, "production", GateState.PREVENTED, "Freeze declared", null, NOW);

		publishRolledBack(phase, gate);
		assertThatIllegalStateException().isThrownBy(() -> transaction.executeWithoutResult(status -> {
			publisher.publishEvent(phase);
			publisher.publishEvent(gate);
			throw new IllegalStateException("the engine refused the move");
		}));

		assertThat(jdbc.sql("select count(*) from cf_webhook_delivery").query(Integer.class).single()).isZero();
		assertThat(dispatcher.dispatchDue()).isZero();
		assertThat(PIPELINE.requests()).isEmpty();
		assertThat(AUDIT.requests()).isEmpty();

		publishCommitted(phase, gate);
		assertThat(jdbc.sql("select count(*) from cf_webhook_delivery").query(Integer.class).single())
			.as("pipeline: phase and gate, audit: phase")
			.isEqualTo(3);
	}

	@Test
	void aFailedAttemptIsRetriedWithBackoffUnderTheSameDeliveryIdAndAFreshSignature() throws Exception {
		PIPELINE.answer(500, 503);
		publishCommitted(new GateChanged(CHANGE, "production", GateState.AWAITING, "Waiting for the slot",
				Instant.parse("2026-12-01T02:00:00Z"), NOW));

		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		assertThat(deliveriesTo("pipeline")).singleElement().satisfies(delivery -> {
			assertThat(delivery.status()).isEqualTo(Status.PENDING);
			assertThat(delivery.attempts()).isEqualTo(1);
			assertThat(delivery.lastStatusCode()).isEqualTo(500);
			assertThat(delivery.lastError()).isEqualTo("HTTP 500");
			assertThat(delivery.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
		});
		clockAt(Duration.ofSeconds(59));
		assertThat(dispatcher.dispatchDue()).as("not due before the first delay").isZero();

		clockAt(Duration.ofMinutes(1));
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		assertThat(deliveriesTo("pipeline").get(0).nextAttemptAt()).as("the delay doubles")
			.isEqualTo(NOW.plus(Duration.ofMinutes(3)));
		clockAt(Duration.ofSeconds(179));
		assertThat(dispatcher.dispatchDue()).isZero();

		clockAt(Duration.ofMinutes(3));
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		assertThat(deliveriesTo("pipeline")).singleElement().satisfies(delivery -> {
			assertThat(delivery.status()).isEqualTo(Status.DELIVERED);
			assertThat(delivery.attempts()).isEqualTo(3);
			assertThat(delivery.lastStatusCode()).isEqualTo(204);
			assertThat(delivery.lastError()).isNull();
			assertThat(delivery.deliveredAt()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
		});

		List<Request> requests = PIPELINE.requests();
		assertThat(requests).extracting(request -> request.header("X-Changeflow-Delivery"))
			.containsOnly(deliveriesTo("pipeline").get(0).id())
			.hasSize(3);
		assertThat(requests).extracting(Request::body).containsOnly(requests.get(0).body());
		assertThat(requests).extracting(request -> request.header("X-Changeflow-Timestamp"))
			.containsExactly(epoch(NOW), epoch(NOW.plusSeconds(60)), epoch(NOW.plusSeconds(180)));
		for (Request request : requests) {
			assertThat(signedWith(PIPELINE_SECRET, request)).isTrue();
		}
	}

	@Test
	void afterTheLastAttemptADeliveryFailsAndNoLongerHoldsUpItsChange() {
		PIPELINE.answer(500, 500, 500, 500);
		publishCommitted(new GateChanged(CHANGE, "production", GateState.AWAITING, "Waiting for the slot",
				Instant.parse("2026-12-01T02:00:00Z"), NOW));
		publishCommitted(new GateChanged(CHANGE, "production", GateState.ALLOWED, "Slot opened",
				Instant.parse("2026-12-01T06:00:00Z"), NOW.plusSeconds(30)));

		// delays 1, 2, then 3 minutes: 4 would exceed max-delay
		for (Duration at : List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(3))) {
			clockAt(at);
			assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		}
		clockAt(Duration.ofSeconds(359));
		assertThat(dispatcher.dispatchDue()).isZero();
		clockAt(Duration.ofMinutes(6));
		assertThat(dispatcher.dispatchDue()).as("the 4th and last attempt").isEqualTo(1);

		List<Delivery> deliveries = deliveriesTo("pipeline");
		assertThat(deliveries.get(0)).satisfies(delivery -> {
			assertThat(delivery.status()).isEqualTo(Status.FAILED);
			assertThat(delivery.attempts()).isEqualTo(4);
			assertThat(delivery.lastStatusCode()).isEqualTo(500);
			assertThat(delivery.lastError()).isEqualTo("HTTP 500");
		});
		assertThat(deliveries.get(1).status()).as("waited while the first was pending").isEqualTo(Status.PENDING);
		assertThat(deliveries.get(1).attempts()).isZero();

		// the receiver failed in the run above; the next run sends the change's next event
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		assertThat(deliveriesTo("pipeline").get(1).status()).isEqualTo(Status.DELIVERED);
		assertThat(PIPELINE.requests()).extracting(request -> request.header("X-Changeflow-Delivery"))
			.containsExactly(deliveries.get(0).id(), deliveries.get(0).id(), deliveries.get(0).id(),
					deliveries.get(0).id(), deliveries.get(1).id());
		assertThat(dispatcher.dispatchDue()).as("a failed delivery waits for a change manager").isZero();
	}

	@Test
	void deliveredEventsAreForgottenAfterAYearAndUndeliveredOnesStay() {
		publishCommitted(new GateChanged(CHANGE, "production", GateState.ALLOWED, "Slot opened", null, NOW));
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		publishCommitted(new GateChanged(CHANGE, "production", GateState.EXPIRED, "Slot ended", null, NOW));

		clockAt(Duration.ofDays(365).minusMinutes(1));
		assertThat(retention.purge()).isZero();
		clockAt(Duration.ofDays(365).plusMinutes(1));
		assertThat(retention.purge()).isOne();

		assertThat(deliveriesTo("pipeline")).extracting(Delivery::status).containsExactly(Status.PENDING);
	}

	@Test
	void aChangesEventsArriveInOrderWhileOtherChangesGoOn() {
		PIPELINE.answer(500);
		publishCommitted(new ChangePhaseChanged("CHG-A", "normal", ChangePhase.REQUESTED, ChangePhase.IN_REVIEW,
				null, NOW));
		publishCommitted(new ChangePhaseChanged("CHG-A", "normal", ChangePhase.IN_REVIEW, ChangePhase.AWAITING_CAB,
				null, NOW.plusSeconds(1)));
		publishCommitted(new GateChanged("CHG-B", "staging", GateState.ALLOWED, "Standard change", null,
				NOW.plusSeconds(2)));

		// pipeline: CHG-A's first event fails and pipeline is left alone for the rest of the run; audit gets both
		assertThat(dispatcher.dispatchDue()).isEqualTo(3);
		assertThat(phases(AUDIT)).containsExactly("in-review", "awaiting-cab");
		// CHG-A's second event waits for its first; CHG-B is not held up
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		clockAt(Duration.ofMinutes(1));
		assertThat(dispatcher.dispatchDue()).isEqualTo(2);

		assertThat(PIPELINE.requests()).extracting(request -> request.header("X-Changeflow-Event"))
			.containsExactly("change.phase", "change.gate", "change.phase", "change.phase");
		assertThat(phases(PIPELINE)).containsExactly("in-review", null, "in-review", "awaiting-cab");
		assertThat(deliveriesTo("pipeline")).extracting(Delivery::status).containsOnly(Status.DELIVERED);
	}

	@Test
	void aDeliveryClaimedByANodeThatDiedIsSentOnceItsLeaseRunsOut() {
		publishCommitted(new GateChanged(CHANGE, "production", GateState.ALLOWED, "Slot opened", null, NOW));
		Due due = deliveries.due(NOW, Set.of(), 10).get(0);
		// another node claims it, then dies before recording anything
		assertThat(deliveries.claim(due, "node-that-dies", NOW, NOW.plus(Duration.ofMinutes(1)))).isTrue();
		assertThat(deliveries.claim(due, "another-node", NOW, NOW.plus(Duration.ofMinutes(1))))
			.as("one claim wins")
			.isFalse();

		assertThat(dispatcher.dispatchDue()).isZero();
		clockAt(Duration.ofMinutes(1));
		assertThat(dispatcher.dispatchDue()).as("the lease runs until then").isZero();
		assertThat(PIPELINE.requests()).isEmpty();

		clockAt(Duration.ofSeconds(61));
		assertThat(dispatcher.dispatchDue()).isEqualTo(1);
		assertThat(PIPELINE.requests()).singleElement()
			.extracting(request -> request.header("X-Changeflow-Delivery"))
			.isEqualTo(due.deliveryId());

		// the node was only slow: what it records now must not undo the delivery
		deliveries.failed(due, "node-that-dies", 500, "HTTP 500");
		assertThat(deliveriesTo("pipeline")).singleElement().satisfies(delivery -> {
			assertThat(delivery.status()).isEqualTo(Status.DELIVERED);
			assertThat(delivery.attempts()).isEqualTo(1);
		});
	}

	@Test
	void pendingEventsSurviveARestartAndReachAReceiverThatWasDownOnceItIsUp() {
		PIPELINE.down();
		try {
			publishCommitted(new ChangePhaseChanged(CHANGE, "normal", ChangePhase.SCHEDULED,
					ChangePhase.IMPLEMENTING, null, NOW));
			publishCommitted(new ChangePhaseChanged(CHANGE, "normal", ChangePhase.IMPLEMENTING,
					ChangePhase.VERIFYING, null, NOW.plusSeconds(1)));

			dispatcher.dispatchDue();
			assertThat(deliveriesTo("pipeline")).extracting(Delivery::status)
				.containsExactly(Status.PENDING, Status.PENDING);
			assertThat(deliveriesTo("pipeline").get(0).lastError()).startsWith("ConnectException");
			assertThat(deliveriesTo("pipeline").get(0).lastStatusCode()).isNull();
		}
		finally {
			PIPELINE.up();
		}

		// a restarted node has nothing but the database: a dispatcher that never saw these events
		var restarted = new WebhookDispatcher(properties, deliveries, signer, clock);
		clockAt(Duration.ofMinutes(1));
		assertThat(restarted.dispatchDue()).isEqualTo(2);
		assertThat(phases(PIPELINE)).containsExactly("implementing", "verifying");
		assertThat(deliveriesTo("pipeline")).extracting(Delivery::status)
			.containsExactly(Status.DELIVERED, Status.DELIVERED);
	}

	/** data.phase of each request, null for gate events. */
	private List<String> phases(Receiver receiver) {
		return receiver.requests().stream().map(request -> {
			try {
				return json.readTree(request.body()).path("data").path("phase").textValue();
			}
			catch (JsonProcessingException ex) {
				throw new AssertionError("not JSON: " + request.body(), ex);
			}
		}).toList();
	}

	private static String epoch(Instant instant) {
		return Long.toString(instant.getEpochSecond());
	}

}
