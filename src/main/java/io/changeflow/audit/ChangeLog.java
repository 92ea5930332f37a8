package io.changeflow.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One change in 000's "Change Log Format" (audit trail section), key for key, computed from the change's audit trail.
 *
 * @param timestamp when the change was deployed to its target (the first implementation reported: a person's
 * <em>Implement change</em>, the pipeline's report, a runtime upgrade's enactment); the request time before that
 * @param type the category: standard, normal, emergency or runtime-upgrade
 * @param description the title of the request, as last revised
 * @param approvers the users whose approval (or aye vote) the change's authorization rests on, in the order they gave
 * it: the current round only, since a revision voids earlier approvals
 * @param commit the commit SHA the approvals are bound to; a runtime upgrade's WASM blob hash
 * @param testResults passed / failed / not required / pending, see {@link ChangeEvidence#testResults()}
 * @param securityReview approved / rejected / not required / pending, see {@link ChangeEvidence#securityReview()}
 */
record ChangeLog(@JsonProperty("change_id") String changeId, Instant timestamp, String type, String description,
		String requestor, List<String> approvers, String commit, @JsonProperty("pr_number") Long prNumber,
		@JsonProperty("files_changed") Long filesChanged, @JsonProperty("lines_added") Long linesAdded,
		@JsonProperty("lines_removed") Long linesRemoved, @JsonProperty("test_results") String testResults,
		@JsonProperty("security_review") String securityReview) {

	static ChangeLog of(ChangeEvidence change) {
		var implementation = change.implementation();
		return new ChangeLog(change.changeId, (implementation != null) ? implementation.at() : change.requestedAt,
				change.category, change.title(), change.requester,
				change.approvals.stream().filter(ChangeEvidence.Approval::counted).map(ChangeEvidence.Approval::by)
					.distinct().toList(),
				change.artifact(), number(change.request.get("prNumber")), number(change.request.get("filesChanged")),
				number(change.request.get("linesAdded")), number(change.request.get("linesRemoved")),
				change.testResults(), change.securityReview());
	}

	// forms send numbers; an API client may have sent "456"; anything else was not given
	private static Long number(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		try {
			return (value != null) ? Long.valueOf(value.toString().strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
