package io.changeflow.change;

import static io.changeflow.change.RequestFields.blank;
import static io.changeflow.change.RequestFields.given;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.changeflow.policy.ChangeType;
import io.changeflow.policy.RiskLevel;
import io.changeflow.policy.ServiceCatalog;
import org.springframework.stereotype.Component;

/**
 * Policy 002 §5.1: the information a normal change must carry. Checked by the engine when a change is requested
 * or resubmitted, whichever client submits it.
 */
@Component
class ChangeRequestValidator {

	/** Variable → label, for the fields 002 §5.1 requires of a normal change (plus what scheduling needs). */
	static final Map<String, String> REQUIRED_FOR_NORMAL = required();

	static final List<String> COUNTS = List.of("prNumber", "filesChanged", "linesAdded", "linesRemoved");

	private static Map<String, String> required() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("title", "Title");
		fields.put("summary", "Summary");
		fields.put("changeType", "Change type");
		fields.put("riskLevel", "Risk level");
		fields.put("service", "Service");
		fields.put("environment", "Environment");
		fields.put("justification", "Justification");
		fields.put("impactSystems", "Systems affected");
		fields.put("impactUsers", "Users affected");
		fields.put("implementationPlan", "Implementation plan");
		fields.put("rollbackPlan", "Rollback plan");
		fields.put("testingEvidence", "Testing evidence");
		fields.put("requestedDate", "Requested date");
		return fields;
	}

	private final ServiceCatalog catalog;

	ChangeRequestValidator(ServiceCatalog catalog) {
		this.catalog = catalog;
	}

	/** @return every problem, empty when the request is complete */
	List<String> problems(Map<String, Object> variables) {
		var problems = new ArrayList<String>();
		RequestFields.missing(REQUIRED_FOR_NORMAL, variables).ifPresent(problems::add);
		Object type = variables.get("changeType");
		if (!blank(type) && ChangeType.parse(type).isEmpty()) {
			problems.add("changeType '" + type + "' is not one of " + ChangeType.allValues());
		}
		Object risk = variables.get("riskLevel");
		if (!blank(risk)) {
			try {
				RiskLevel.parse(risk.toString());
			}
			catch (IllegalArgumentException ex) {
				problems.add(ex.getMessage());
			}
		}
		// freezes and conflicts are per service and environment: an unknown name would slip past both
		problems.addAll(catalog.problems(given(variables.get("service")), given(variables.get("environment"))));
		Object date = variables.get("requestedDate");
		if (!blank(date)) {
			try {
				RequestedDate.parse(date);
			}
			catch (IllegalArgumentException ex) {
				problems.add("requestedDate " + ex.getMessage());
			}
		}
		RequestFields.implementation(variables.get("implementation")).ifPresent(problems::add);
		for (String count : COUNTS) {
			Object value = variables.get(count);
			if (!blank(value) && !nonNegativeWholeNumber(value)) {
				problems.add(count + " '" + value + "' is not a whole number ≥ 0");
			}
		}
		return problems;
	}

	private static boolean nonNegativeWholeNumber(Object value) {
		try {
			var number = new BigDecimal(value.toString().strip());
			return number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
