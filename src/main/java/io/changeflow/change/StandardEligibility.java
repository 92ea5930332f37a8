package io.changeflow.change;

import static io.changeflow.change.RequestFields.blank;
import static io.changeflow.change.RequestFields.given;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.changeflow.approval.CodeOwners;
import io.changeflow.policy.PolicyTables;
import io.changeflow.policy.ServiceCatalog;
import org.springframework.stereotype.Service;

/**
 * Decides whether a request is the pre-approved standard change it claims to be (002 §4.1, 000). The conditions live
 * in the change-manager-editable DMN table standard-change-eligibility; this class checks the request is complete
 * and derives the facts the table decides on from what the request shows, never from a box the requester ticks to
 * say "eligible".
 */
@Service
class StandardEligibility {

	static final String DECISION = "standard-change-eligibility";

	/** Variable → label, for what every standard change must carry. */
	static final Map<String, String> REQUIRED = required();

	// in the order of the form, so the message reads like it
	private static Map<String, String> required() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("title", "Title");
		fields.put("summary", "Summary");
		fields.put("standardType", "Standard change type");
		fields.put("service", "Service");
		fields.put("environment", "Environment");
		fields.put("implementationPlan", "Implementation plan");
		fields.put("rollbackPlan", "Rollback plan");
		return fields;
	}

	private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

	private final PolicyTables tables;

	private final ServiceCatalog catalog;

	private final StandardTypes types;

	private final StandardChangeProperties properties;

	StandardEligibility(PolicyTables tables, ServiceCatalog catalog, StandardTypes types,
			StandardChangeProperties properties) {
		this.tables = tables;
		this.catalog = catalog;
		this.types = types;
		this.properties = properties;
	}

	/** @throws InvalidChangeRequestException naming every problem when the request is incomplete */
	Eligibility check(Map<String, Object> request) {
		var problems = new ArrayList<String>();
		RequestFields.missing(REQUIRED, request).ifPresent(problems::add);
		Object typeValue = request.get("standardType");
		var type = StandardType.parse(typeValue);
		if (!blank(typeValue) && type.isEmpty()) {
			problems.add("standardType '" + typeValue + "' is not one of " + StandardType.allValues());
		}
		problems.addAll(catalog.problems(given(request.get("service")), given(request.get("environment"))));
		RequestFields.implementation(request.get("implementation")).ifPresent(problems::add);
		if (type.orElse(null) == StandardType.DEPENDENCY_PATCH) {
			for (String field : List.of("dependency", "fromVersion", "toVersion")) {
				if (blank(request.get(field))) {
					problems.add(field + " is required for a dependency update");
				}
			}
			for (String field : List.of("fromVersion", "toVersion")) {
				if (!blank(request.get(field)) && !VERSION.matcher(request.get(field).toString().strip()).matches()) {
					problems.add(field + " '" + request.get(field) + "' is not a version like 1.2.3");
				}
			}
		}
		if (type.orElse(null) == StandardType.MONITORING_THRESHOLD) {
			if (blank(request.get("metric"))) {
				problems.add("metric is required for a monitoring threshold change");
			}
			if (threshold(request.get("thresholdValue")) == null) {
				problems.add("thresholdValue '" + request.get("thresholdValue") + "' is not a number");
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidChangeRequestException(problems);
		}

		StandardType standard = type.orElseThrow();
		Map<String, Object> facts = Map.of("standardType", standard.value, "environment", request.get("environment"),
				"ciPassed", Boolean.TRUE.equals(request.get("ciPassed")), "securityAdvisory",
				Boolean.TRUE.equals(request.get("securityAdvisory")), "patchUpdate", patchUpdate(request),
				"thresholdWithinRange", withinRange(request), "securitySensitive",
				CodeOwners.securitySensitive(CodeOwners.paths(request.get("affectedPaths"))), "demoted",
				types.demoted(standard));
		List<Map<String, Object>> rows = tables.evaluate(DECISION, facts);
		if (rows.isEmpty()) {
			throw new IllegalStateException("Standard change eligibility has no row for " + facts);
		}
		Map<String, Object> row = rows.get(0);
		return new Eligibility(standard, Boolean.TRUE.equals(row.get("eligible")),
				Boolean.TRUE.equals(row.get("peerReview")), (String) row.get("rule"));
	}

	// 1.2.3 → 1.2.4: same major and minor, higher patch (000: "1.2.3 → 1.2.4")
	private static boolean patchUpdate(Map<String, Object> request) {
		if (blank(request.get("fromVersion")) || blank(request.get("toVersion"))) {
			return false;
		}
		Matcher from = VERSION.matcher(request.get("fromVersion").toString().strip());
		Matcher to = VERSION.matcher(request.get("toVersion").toString().strip());
		if (!from.matches() || !to.matches()) {
			return false;
		}
		return from.group(1).equals(to.group(1)) && from.group(2).equals(to.group(2))
				&& Long.parseLong(to.group(3)) > Long.parseLong(from.group(3));
	}

	private boolean withinRange(Map<String, Object> request) {
		var range = properties.monitoringRanges().get(String.valueOf(request.get("metric")).strip());
		BigDecimal value = threshold(request.get("thresholdValue"));
		return range != null && value != null && range.contains(value);
	}

	private static BigDecimal threshold(Object value) {
		try {
			return (value == null) ? null : new BigDecimal(value.toString().strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * @param peerReview whether one reviewer must approve first (000)
	 * @param rule the table row that decided, in words
	 */
	record Eligibility(StandardType type, boolean eligible, boolean peerReview, String rule) {
	}

}
