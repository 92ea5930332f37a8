package io.changeflow.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/** Policy 002 §7.1 testing matrix, kept in the change-manager-editable DMN table {@code testing-evidence-policy}. */
@Service
public class TestingMatrix {

	static final String DECISION = "testing-evidence-policy";

	private final PolicyTables tables;

	TestingMatrix(PolicyTables tables) {
		this.tables = tables;
	}

	/**
	 * Checks the evidence a change shows against the row for its type.
	 * @param shown the kinds of evidence present
	 * @throws IllegalStateException if the table has no row for the change type (a policy gap, not the requester's)
	 */
	public EvidenceCheck check(String changeType, Evidence shown) {
		List<Map<String, Object>> rows = tables.evaluate(DECISION, Map.of("changeType", changeType));
		if (rows.isEmpty()) {
			throw new IllegalStateException("Testing evidence policy has no row for change type '" + changeType + "'");
		}
		Map<String, Object> row = rows.get(0);
		var missing = new ArrayList<String>();
		require(row, "unitTests", shown.unitTests(), "unit tests", missing);
		require(row, "integrationTests", shown.integrationTests(), "integration tests", missing);
		require(row, "staging", shown.staging(), "staging deployment", missing);
		String canary = (String) row.get("canary");
		String advice = ("recommended".equals(canary) && !shown.canary())
				? "A mainnet canary is recommended for this change type" : null;
		return new EvidenceCheck((String) row.get("rule"), List.copyOf(missing), advice);
	}

	private static void require(Map<String, Object> row, String column, boolean shown, String label,
			List<String> missing) {
		if (Boolean.TRUE.equals(row.get(column)) && !shown) {
			missing.add(label);
		}
	}

	/** The testing evidence a change shows. */
	public record Evidence(boolean unitTests, boolean integrationTests, boolean staging, boolean canary) {
	}

	/**
	 * @param rule the policy row that applied, for the change record
	 * @param missing required evidence not shown; empty when the change may go to the CAB
	 * @param advice a non-blocking recommendation, or null
	 */
	public record EvidenceCheck(String rule, List<String> missing, String advice) {

		public boolean complete() {
			return missing.isEmpty();
		}

	}

}
