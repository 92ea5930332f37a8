package io.changeflow.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The fields a person fills in on each task form (deployed Camunda Forms, by form id): what a completed task's audit
 * row records, so a decision, comment or result is in the trail whichever door completed the task.
 */
@Component
class FormFields {

	private final Map<String, List<String>> editable = new HashMap<>();

	FormFields(ObjectMapper json) throws IOException {
		for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form")) {
			try (InputStream in = form.getInputStream()) {
				JsonNode schema = json.readTree(in);
				var keys = new ArrayList<String>();
				collect(schema.path("components"), keys);
				editable.put(schema.path("id").asText(), List.copyOf(keys));
			}
		}
	}

	/** The keys of the form's fields that are neither disabled nor read-only; empty for an unknown form. */
	List<String> of(String formId) {
		return editable.getOrDefault(formId, List.of());
	}

	private static void collect(JsonNode components, List<String> keys) {
		for (JsonNode component : components) {
			if (component.hasNonNull("key") && !component.path("disabled").asBoolean()
					&& !component.path("readonly").asBoolean()) {
				keys.add(component.get("key").asText());
			}
			collect(component.path("components"), keys);
		}
	}

}
