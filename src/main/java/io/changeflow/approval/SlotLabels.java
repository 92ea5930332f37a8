package io.changeflow.approval;

import java.util.Map;

import io.changeflow.security.Roles;

/** How a slot reads in task names and summaries. */
final class SlotLabels {

	private static final Map<String, String> LABELS = Map.of(Roles.REVIEWERS, "peer review", Roles.SECURITY_TEAM,
			"security review", Roles.ARCHITECTURE_TEAM, "architecture review", Roles.DEVOPS_TEAM, "devops review",
			Roles.CAB_ENGINEERING_LEAD, "engineering lead", Roles.CAB_SECURITY, "security representative",
			Roles.CAB_OPERATIONS, "operations representative");

	private SlotLabels() {
	}

	static String of(String slot) {
		return LABELS.getOrDefault(slot, slot);
	}

}
