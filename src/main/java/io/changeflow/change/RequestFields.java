package io.changeflow.change;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the request checks of the change flows read the fields a form or client sent. */
final class RequestFields {

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

	static boolean blank(Object value) {
		return value == null || value.toString().isBlank();
	}

}
