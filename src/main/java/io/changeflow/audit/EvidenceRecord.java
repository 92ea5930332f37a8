package io.changeflow.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.changeflow.audit.ChangeEvidence.Approval;
import io.changeflow.audit.ChangeEvidence.Decision;
import io.changeflow.audit.ChangeEvidence.OpenTask;
import io.changeflow.audit.ChangeEvidence.Slot;
import io.changeflow.audit.ChangeEvidence.Step;

/**
 * One change's evidence for SOC 2 CC8 (000 "Compliance Mapping", 002 §11.1), as the audit export writes it: what the
 * trail shows for each criterion and which rule it breaks. See docs/audit-evidence.md.
 *
 * @param outcome how the change closed (the end reached, or who withdrew it and why); null while open
 * @param violations every criterion's violations, in criterion order
 */
record EvidenceRecord(String changeId, String category, String title, String requester, Instant requestedAt,
		String artifact, String phase, String outcome, @JsonProperty("cc8_1") Criterion<Authorized> authorized,
		@JsonProperty("cc8_2") Criterion<Tested> tested, @JsonProperty("cc8_3") Criterion<Followed> followed,
		List<Violation> violations) {

	/** @param satisfied no violation of the criterion in the trail up to the time of the export */
	record Criterion<E>(boolean satisfied, E evidence, List<Violation> violations) {

		static <E> Criterion<E> of(E evidence, List<Violation> violations) {
			return new Criterion<>(violations.isEmpty(), evidence, List.copyOf(violations));
		}

	}

	/**
	 * @param criterion cc8_1, cc8_2 or cc8_3
	 * @param flag the rule broken, one of the flags in docs/audit-evidence.md
	 * @param detail the rows' facts that break it
	 */
	record Violation(String criterion, String flag, String detail) {

		@Override
		public String toString() {
			return criterion + " " + flag + ": " + detail;
		}

	}

	/**
	 * CC8.1 "authorized before implementation".
	 * @param authorization what authorized the change (CAB, pre-approval, vote, emergency declaration), null if
	 * nothing did
	 */
	record Authorized(List<Approval> approvals, boolean requiredApprovalsMet, Instant authorizedAt,
			String authorization, Instant implementationStartedAt, Instant implementedAt,
			String implementedArtifact, List<Step> implementations) {
	}

	/**
	 * CC8.2 "tested before deployment".
	 * @param testingEvidence the request's test* fields and evidence text, as last revised
	 * @param policyDecisions the testing-evidence gates' decisions, in order
	 */
	record Tested(Map<String, Object> testingEvidence, List<Decision> policyDecisions, List<Step> stagingRehearsal,
			List<Step> verifications, List<Step> rollbacks, String testResults) {
	}

	/**
	 * CC8.3 "followed the documented process".
	 * @param slot the booked slot in effect when the deployment began (the last one booked, before it)
	 * @param withinSlot null where no slot applies (emergencies, runtime upgrades) or nothing was deployed
	 * @param postImplementationReview emergencies only
	 * @param overdueSteps open steps past their due date
	 */
	record Followed(Slot slot, Instant implementedAt, Boolean withinSlot, String verificationResult,
			Instant closedAt, String outcome, Review postImplementationReview, List<OpenTask> overdueSteps) {
	}

	/** @param due the end of the review period after the implementation ended (002 §4.3: 48 h) */
	record Review(Instant implementationEndedAt, Instant due, Instant completedAt, String by) {
	}

}
