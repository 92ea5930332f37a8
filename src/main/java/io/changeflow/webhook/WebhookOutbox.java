package io.changeflow.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.change.ChangePhaseChanged;
import io.changeflow.change.GateChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes one delivery per interested subscription while the event is published, in the transaction that moved the
 * change: an event exists in the outbox exactly when the move committed, and a failure to write it fails the move.
 */
@Component
class WebhookOutbox {

	private final WebhookProperties properties;

	private final Deliveries deliveries;

	private final ObjectMapper json;

	private final Clock clock;

	WebhookOutbox(WebhookProperties properties, Deliveries deliveries, ObjectMapper json, Clock clock) {
		this.properties = properties;
		this.deliveries = deliveries;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(ChangePhaseChanged event) {
		enqueue(EventType.PHASE, event.changeId(), event.at(), event);
	}

	@EventListener
	void on(GateChanged event) {
		enqueue(EventType.GATE, event.changeId(), event.at(), event);
	}

	private void enqueue(EventType type, String changeId, Instant occurredAt, Object data) {
		Instant now = clock.instant();
		for (WebhookProperties.Subscription subscription : properties.subscriptions()) {
			if (subscription.wants(type)) {
				String deliveryId = UUID.randomUUID().toString();
				deliveries.enqueue(deliveryId, subscription.name(), type, changeId,
						payload(deliveryId, type, changeId, occurredAt, data), now);
			}
		}
	}

	private String payload(String deliveryId, EventType type, String changeId, Instant occurredAt, Object data) {
		try {
			return json.writeValueAsString(new Payload(deliveryId, type.value(), occurredAt,
					new ChangeLink(changeId, "/api/changes/" + changeId), data));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot serialize a " + type.value() + " event of " + changeId, ex);
		}
	}

	/** The body receivers get; field order is the documented one. */
	record Payload(String id, String type, Instant occurredAt, ChangeLink change, Object data) {

	}

	record ChangeLink(String id, String href) {

	}

}
