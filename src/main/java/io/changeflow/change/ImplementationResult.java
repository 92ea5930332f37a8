package io.changeflow.change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.change.RequiredInputsListener.Input;

/**
 * What a pipeline that runs no worker reports in one call: the implementation's result and, after a successful
 * deployment, the verification's. Read field by field, so that one answer names every problem of the body.
 *
 * @param implementation success or failed
 * @param verification success or failed; only after a successful implementation
 * @param evidence what the verification saw; required with it
 * @param pipelineRunUrl optional http(s) link to the pipeline run
 */
record ImplementationResult(String implementation, String verification, String evidence, String pipelineRunUrl) {

	static final List<String> FIELDS = List.of("implementation", "verification", "evidence", "pipelineRunUrl");

	/** @throws InvalidImplementationResultException naming every problem */
	static ImplementationResult parse(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidImplementationResultException(
					List.of("the body must be a JSON object with " + String.join(", ", FIELDS)));
		}
		var problems = new ArrayList<String>();
		body.fieldNames().forEachRemaining(name -> {
			if (!FIELDS.contains(name)) {
				problems.add("unknown field '" + name + "'");
			}
		});
		var values = new HashMap<String, String>();
		for (String field : FIELDS) {
			JsonNode value = body.get(field);
			if (value != null && !value.isNull()) {
				if (value.isTextual()) {
					values.put(field, value.textValue());
				}
				else {
					problems.add(field + " must be a string, not "
							+ value.getNodeType().name().toLowerCase(Locale.ROOT));
				}
			}
		}
		// a field of another type is named once above, not again as missing
		Predicate<String> typed = field -> !body.hasNonNull(field) || values.containsKey(field);
		var checks = new LinkedHashMap<String, Input>();
		checks.put("implementation", Input.RESULT);
		String implementation = values.get("implementation");
		if ("failed".equals(implementation)) {
			for (String field : List.of("verification", "evidence")) {
				if (body.hasNonNull(field)) {
					problems.add(field + " is only reported after a successful implementation: nothing was deployed");
				}
			}
		}
		else if ("success".equals(implementation) || body.hasNonNull("verification") || body.hasNonNull("evidence")) {
			checks.put("verification", Input.RESULT);
			checks.put("evidence", Input.TEXT);
		}
		checks.put("pipelineRunUrl", Input.LINK);
		checks.forEach((field, input) -> {
			String problem = typed.test(field) ? input.problem(field, values.get(field)) : null;
			if (problem != null) {
				problems.add(problem);
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidImplementationResultException(problems);
		}
		return new ImplementationResult(implementation, values.get("verification"), values.get("evidence"),
				values.get("pipelineRunUrl"));
	}

	boolean deployed() {
		return "success".equals(implementation);
	}

	/** The variables that complete "Pipeline implements change". */
	Map<String, Object> implementationVariables() {
		return withRunUrl(Map.of("implementationResult", implementation));
	}

	/** The variables that complete "Pipeline verifies change". */
	Map<String, Object> verificationVariables() {
		return withRunUrl(Map.of("verificationResult", verification, "verificationEvidence", evidence));
	}

	private Map<String, Object> withRunUrl(Map<String, Object> variables) {
		var all = new HashMap<>(variables);
		if (pipelineRunUrl != null) {
			all.put("pipelineRunUrl", pipelineRunUrl);
		}
		return all;
	}

}
