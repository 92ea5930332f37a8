package io.changeflow.change;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the request checks of the change flows read the fields a form or client sent. */
final class RequestFields {

	/** Who implements a change: people in Tasklist (also when not given) or its CI/CD pipeline. */
	static final List<String> IMPLEMENTATIONS = List.of("manual", "automated");

	private RequestFields() {
	}

	/** @return "missing Title (title), …" for the required fields (variable → label) left blank, empty if none */
	static Optional<String> missing(Map<String, String> required, Map<String, Object> variables) {
		String missing = required.entrySet()
			.stream()
			.filter(field -> blank(variables.get(field.getKey())))
			.map(field -> field.getValue() + " (" + field.getKey() + ")")
			.collect(Collectors.joining(", "));
		return missing.isEmpty() ? Optional.empty() : Optional.of("missing " + missing);
	}

	/** A single value as the list the service catalogue checks; empty when not given. */
	static List<String> given(Object value) {
		return blank(value) ? List.of() : List.of(value.toString());
	}

	/** @return the problem with the request's implementation; a misspelt value would silently leave it to people */
	static Optional<String> implementation(Object value) {
		if (blank(value) || IMPLEMENTATIONS.contains(value.toString())) {
			return Optional.empty();
		}
		return Optional.of("implementation '" + value + "' is not one of " + String.join(", ", IMPLEMENTATIONS));
	}

	static boolean blank(Object value) {
		return value == null || value.toString().isBlank();
	}

}
