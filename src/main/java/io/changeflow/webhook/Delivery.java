package io.changeflow.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One event for one subscription, as ops see it on {@code /api/webhooks/deliveries}: never the subscription's url or
 * secret, only its name.
 * @param id the delivery id, sent as {@code X-Changeflow-Delivery} and the payload's {@code id}, the same on retries
 * @param payload the JSON body as sent
 */
record Delivery(String id, String subscription, String type, String changeId, Status status, int attempts,
		Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant deliveredAt,
		@JsonRawValue String payload) {

	enum Status {

		PENDING("pending"), DELIVERED("delivered"), FAILED("failed");

		private final String value;

		Status(String value) {
			this.value = value;
		}

		@JsonValue
		String value() {
			return value;
		}

		static Optional<Status> parse(String value) {
			return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst();
		}

	}

}
