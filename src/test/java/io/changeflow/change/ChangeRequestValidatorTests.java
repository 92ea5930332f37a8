package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashMap;
import java.util.List;

import io.changeflow.policy.ServiceCatalog;
import org.junit.jupiter.api.Test;

class ChangeRequestValidatorTests {

	private final ChangeRequestValidator validator = new ChangeRequestValidator(
			new ServiceCatalog(List.of("changeflow", "heliosdb-lite"), List.of("production", "staging")));

	@Test
	void aCompleteRequestHasNoProblems() {
		assertThat(validator.problems(Changes.completeRequest())).isEmpty();
	}

	@Test
	void everyMissingFieldIsNamedInOneMessage() {
		assertThat(validator.problems(new HashMap<>())).containsExactly("missing Title (title), Summary (summary), "
				+ "Change type (changeType), Risk level (riskLevel), Service (service), Environment (environment), "
				+ "Justification (justification), "
				+ "Systems affected (impactSystems), Users affected (impactUsers), "
				+ "Implementation plan (implementationPlan), Rollback plan (rollbackPlan), "
				+ "Testing evidence (testingEvidence), Requested date (requestedDate)");
	}

	@Test
	void blankTextCountsAsMissing() {
		var request = new HashMap<>(Changes.completeRequest());
		request.put("rollbackPlan", "   ");
		assertThat(validator.problems(request)).containsExactly("missing Rollback plan (rollbackPlan)");
	}

	@Test
	void valuesMustBeKnown() {
		var request = new HashMap<>(Changes.completeRequest());
		request.put("changeType", "vibes");
		request.put("requestedDate", "next tuesday");
		request.put("linesAdded", -3);
		request.put("prNumber", "12.5");
		request.put("service", "payments");
		request.put("environment", "prod");
		request.put("implementation", "Automated");
		assertThat(validator.problems(request)).hasSize(7)
			.anySatisfy(problem -> assertThat(problem).startsWith("changeType 'vibes' is not one of documentation"))
			.anySatisfy(problem -> assertThat(problem).startsWith("requestedDate 'next tuesday' is not a date"))
			.contains("linesAdded '-3' is not a whole number ≥ 0", "prNumber '12.5' is not a whole number ≥ 0",
					"unknown service 'payments'; known: changeflow, heliosdb-lite",
					"unknown environment 'prod'; known: production, staging",
					"implementation 'Automated' is not one of manual, automated");
	}

	@Test
	void datesAndCountsArriveInSeveralShapes() {
		var request = new HashMap<>(Changes.completeRequest());
		request.put("requestedDate", new Date());
		request.put("filesChanged", 15.0);
		request.put("linesAdded", "500");
		request.put("implementation", "automated");
		assertThat(validator.problems(request)).isEmpty();
		request.put("requestedDate", "2026-12-01T10:00:00+02:00");
		assertThat(validator.problems(request)).isEmpty();
	}

}
