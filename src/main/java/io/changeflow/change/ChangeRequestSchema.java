package io.changeflow.change;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The fields a change request over the API may carry, per category: exactly the fields of the category's start form
 * in Tasklist (name, type, options, required, length), so people and tools request changes alike, plus what only
 * tooling states: the artifact the approvals bind to ({@code commitSha}, required for standard and normal changes) and
 * whether a pipeline implements the change. Checks shape only; what the policy says about the values is checked by the
 * engine when the process starts.
 */
@Component
class ChangeRequestSchema {

	static final Map<String, String> START_FORMS = Map.of("normal", "request-change", "standard",
			"request-standard-change", "emergency", "declare-emergency", "runtime-upgrade", "propose-runtime-upgrade");

	/** Engine string variables hold at most 4000 characters. */
	static final int TEXT_LENGTH = 4000;

	static final int LINE_LENGTH = 200;

	private static final Field IMPLEMENTATION = Field.choice("implementation", false, List.of("manual", "automated"));

	private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,64}$");

	private final Map<String, Map<String, Field>> byCategory = new LinkedHashMap<>();

	ChangeRequestSchema(ObjectMapper json, ResourceLoader resources) {
		START_FORMS.forEach((category, form) -> {
			var fields = new LinkedHashMap<String, Field>();
			try (InputStream in = resources.getResource("classpath:forms/" + form + ".form").getInputStream()) {
				collect(json.readTree(in), fields);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read start form " + form, ex);
			}
			fields.putIfAbsent(IMPLEMENTATION.name(), IMPLEMENTATION);
			boolean bound = !"emergency".equals(category);
			if (fields.containsKey("commitSha") || !bound) {
				fields.put("commitSha", new Field("commitSha", Kind.TEXT, bound, LINE_LENGTH, List.of(), COMMIT));
			}
			// in the form's order, so errors read like the form
			byCategory.put(category, Collections.unmodifiableMap(fields));
		});
	}

	/** @return field name → field of the category's requests; empty for an unknown category */
	Map<String, Field> fields(String category) {
		return byCategory.getOrDefault(category, Map.of());
	}

	/**
	 * @param body the request, "category" included
	 * @return the process variables of a well-formed request
	 * @throws InvalidRequestException naming every field that is missing, unknown or of the wrong shape
	 */
	Map<String, Object> variables(JsonNode body) {
		var errors = new ArrayList<InvalidRequestException.FieldError>();
		if (!body.isObject()) {
			throw new InvalidRequestException(List.of(
					new InvalidRequestException.FieldError(null, "the body must be a JSON object")));
		}
		JsonNode category = body.get("category");
		Map<String, Field> fields = (category != null && category.isTextual()) ? byCategory.get(category.asText())
				: null;
		if (fields == null) {
			errors.add(new InvalidRequestException.FieldError("category",
					"is required, one of " + String.join(", ", byCategory.keySet())));
			throw new InvalidRequestException(errors);
		}
		var variables = new HashMap<String, Object>();
		for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!"category".equals(name) && !fields.containsKey(name)) {
				errors.add(new InvalidRequestException.FieldError(name, "is not a field of a " + category.asText()
						+ " change request"));
			}
		}
		for (Field field : fields.values()) {
			JsonNode value = body.get(field.name());
			if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
				if (field.required()) {
					errors.add(new InvalidRequestException.FieldError(field.name(), "is required"));
				}
				continue;
			}
			String problem = field.problem(value);
			if (problem != null) {
				errors.add(new InvalidRequestException.FieldError(field.name(), problem));
			}
			else {
				variables.put(field.name(), field.value(value));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return variables;
	}

	// form-js nests fields in groups; display-only and disabled fields are not the requester's to fill
	private static void collect(JsonNode container, Map<String, Field> fields) {
		for (JsonNode component : container.path("components")) {
			String key = component.path("key").asText(null);
			if (key != null && !component.path("disabled").asBoolean(false)) {
				fields.put(key, Field.of(key, component));
			}
			collect(component, fields);
		}
	}

	enum Kind {

		TEXT, CHOICE, BOOLEAN, NUMBER

	}

	record Field(String name, Kind kind, boolean required, int maxLength, List<String> options, Pattern pattern) {

		static Field choice(String name, boolean required, List<String> options) {
			return new Field(name, Kind.CHOICE, required, LINE_LENGTH, options, null);
		}

		static Field of(String key, JsonNode component) {
			JsonNode validate = component.path("validate");
			boolean required = validate.path("required").asBoolean(false);
			String pattern = validate.path("pattern").asText(null);
			return switch (component.path("type").asText()) {
				case "select", "radio" -> choice(key, required,
						component.path("values").findValuesAsText("value"));
				case "checkbox" -> new Field(key, Kind.BOOLEAN, required, 0, List.of(), null);
				case "number" -> new Field(key, Kind.NUMBER, required, 0, List.of(), null);
				default -> new Field(key, Kind.TEXT, required,
						validate.path("maxLength").asInt("textarea".equals(component.path("type").asText())
								? TEXT_LENGTH : LINE_LENGTH),
						List.of(), (pattern != null) ? Pattern.compile(pattern) : null);
			};
		}

		/** @return what is wrong with a given value, null when it fits */
		String problem(JsonNode value) {
			return switch (kind) {
				case BOOLEAN -> value.isBoolean() ? null : "must be true or false";
				case NUMBER -> (value.isIntegralNumber() && value.canConvertToLong())
						|| (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) ? null
								: "must be a number";
				case CHOICE -> (value.isTextual() && options.contains(value.asText())) ? null
						: "must be one of " + String.join(", ", options);
				case TEXT -> textProblem(value);
			};
		}

		private String textProblem(JsonNode value) {
			if (!value.isTextual()) {
				return "must be a string";
			}
			String text = value.asText();
			if (text.length() > maxLength) {
				return "is longer than " + maxLength + " characters";
			}
			// PostgreSQL cannot store NUL in text
			if (text.indexOf('\u0000') >= 0) {
				return "must not contain NUL characters";
			}
			return (pattern != null && !pattern.matcher(text).matches()) ? "must match " + pattern.pattern() : null;
		}

		/** The value as the engine stores it when the start form submits it. */
		Object value(JsonNode value) {
			return switch (kind) {
				case BOOLEAN -> value.booleanValue();
				case NUMBER -> value.isIntegralNumber() ? (Object) value.longValue() : (Object) value.doubleValue();
				case CHOICE, TEXT -> value.asText();
			};
		}

	}

}
