package io.changeflow.approval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.changeflow.policy.PolicyTables;
import io.changeflow.security.Roles;
import org.springframework.stereotype.Service;

/**
 * Evaluates the change-manager-editable DMN table {@code emergency-approval-policy} (hit policy COLLECT, like
 * {@link ApprovalPolicy}): who must record their approval of an emergency change after the fact. The seeds' rows are
 * united: the engineering lead always (002 §4.3), security for security changes (002) and security patches (000),
 * two reviewers for critical bug fixes (000).
 */
@Service
class EmergencyApprovalPolicy {

	static final String DECISION = "emergency-approval-policy";

	private final PolicyTables tables;

	EmergencyApprovalPolicy(PolicyTables tables) {
		this.tables = tables;
	}

	/** @return one slot per required approver, and the rules that fired in words */
	Required required(String emergencyKind, boolean securityChange) {
		List<Map<String, Object>> rows = tables.evaluate(DECISION,
				Map.of("emergencyKind", emergencyKind, "securityChange", securityChange));
		int lead = 0;
		int security = 0;
		int reviewers = 0;
		var rules = new ArrayList<String>();
		for (Map<String, Object> row : rows) {
			lead = Math.max(lead, count(row, "engineeringLead"));
			security = Math.max(security, count(row, "securityApprovers"));
			reviewers = Math.max(reviewers, count(row, "peerReviewers"));
			rules.add((String) row.get("rule"));
		}
		if (lead == 0) {
			throw new IllegalStateException("Emergency approval policy has no engineering-lead row for kind '"
					+ emergencyKind + "'; 002 §4.3 requires the engineering lead for every emergency");
		}
		var slots = new ArrayList<String>(Collections.nCopies(lead, Roles.CAB_ENGINEERING_LEAD));
		slots.addAll(Collections.nCopies(security, Roles.CAB_SECURITY));
		slots.addAll(Collections.nCopies(reviewers, Roles.REVIEWERS));
		return new Required(List.copyOf(slots), List.copyOf(rules));
	}

	private static int count(Map<String, Object> row, String column) {
		Object value = row.get(column);
		return value == null ? 0 : ((Number) value).intValue();
	}

	record Required(List<String> slots, List<String> rules) {
	}

}
