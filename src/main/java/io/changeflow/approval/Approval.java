package io.changeflow.approval;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One person's decision in one slot of the current approval round.
 *
 * @param verbalApprovalAt when a decision recorded after the fact was given; null for decisions made in the task
 */
record Approval(ApprovalStage stage, String slot, String user, Decision decision, String comment, Instant at,
		@JsonInclude(JsonInclude.Include.NON_NULL) Instant verbalApprovalAt) {

	enum Decision {

		APPROVE("approve"), REQUEST_CHANGES("request-changes"), REJECT("reject");

		final String value;

		Decision(String value) {
			this.value = value;
		}

		static Decision parse(Object value) {
			for (Decision decision : values()) {
				if (decision.value.equals(value)) {
					return decision;
				}
			}
			throw new ApprovalRefusedException("Decision '" + value + "' is not one of approve, request-changes, reject");
		}

	}

}
