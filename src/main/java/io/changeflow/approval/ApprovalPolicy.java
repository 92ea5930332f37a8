package io.changeflow.approval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.changeflow.policy.PolicyTables;
import io.changeflow.security.Roles;
import org.springframework.stereotype.Service;

/**
 * Evaluates the change-manager-editable DMN table {@code change-approval-policy}. The table has hit policy COLLECT:
 * every matching row states a minimum, and the strictest value of each column wins, so rows stay independent
 * ("cryptographic code needs 2 security reviewers", "critical risk needs 3 peers") instead of being multiplied out.
 */
@Service
class ApprovalPolicy {

	static final String DECISION = "change-approval-policy";

	/** Policy 002 §4.2 step 3: the Change Advisory Board. */
	static final List<String> CAB_SEATS = List.of(Roles.CAB_ENGINEERING_LEAD, Roles.CAB_SECURITY,
			Roles.CAB_OPERATIONS);

	private final PolicyTables tables;

	ApprovalPolicy(PolicyTables tables) {
		this.tables = tables;
	}

	RequiredReviews requiredReviews(String changeType, String riskLevel, Collection<String> affectedPaths) {
		Map<String, Object> facts = Map.of("changeType", changeType, "riskLevel", riskLevel, "securitySensitive",
				CodeOwners.securitySensitive(affectedPaths), "pipelineChange", CodeOwners.pipelineChange(affectedPaths));
		List<Map<String, Object>> rows = tables.evaluate(DECISION, facts);
		int peers = 0;
		int security = 0;
		int devops = 0;
		boolean architecture = false;
		var rules = new ArrayList<String>();
		for (Map<String, Object> row : rows) {
			peers = Math.max(peers, count(row, "peerReviewers"));
			security = Math.max(security, count(row, "securityReviewers"));
			devops = Math.max(devops, count(row, "devopsReviewers"));
			architecture |= Boolean.TRUE.equals(row.get("architectureReview"));
			rules.add((String) row.get("rule"));
		}
		if (peers == 0) {
			throw new IllegalStateException("Approval policy has no peer-review row for change type '" + changeType
					+ "'; every change needs at least one reviewer");
		}
		return new RequiredReviews(peers, security, devops, architecture, List.copyOf(rules));
	}

	private static int count(Map<String, Object> row, String column) {
		Object value = row.get(column);
		return value == null ? 0 : ((Number) value).intValue();
	}

}
