package io.changeflow.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a subscription can receive; {@link #value()} is the payload's {@code type} and the configured event name. */
enum EventType {

	PHASE("change.phase"), GATE("change.gate");

	private final String value;

	EventType(String value) {
		this.value = value;
	}

	String value() {
		return value;
	}

	static Optional<EventType> parse(String value) {
		return Arrays.stream(values()).filter(type -> type.value.equals(value)).findFirst();
	}

}
