package io.changeflow.approval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.changeflow.security.Roles;

/**
 * What the approval policy demands of one change: how many distinct people from which group must approve.
 *
 * @param rules the policy rows that fired, in words, for the audit trail
 */
record RequiredReviews(int peerReviewers, int securityReviewers, int devopsReviewers, boolean architectureReview,
		List<String> rules) {

	/** One approval slot per required reviewer, named by the group that fills it. */
	List<String> slots() {
		var slots = new ArrayList<String>();
		slots.addAll(Collections.nCopies(peerReviewers, Roles.REVIEWERS));
		slots.addAll(Collections.nCopies(securityReviewers, Roles.SECURITY_TEAM));
		slots.addAll(Collections.nCopies(devopsReviewers, Roles.DEVOPS_TEAM));
		if (architectureReview) {
			slots.add(Roles.ARCHITECTURE_TEAM);
		}
		return slots;
	}

}
