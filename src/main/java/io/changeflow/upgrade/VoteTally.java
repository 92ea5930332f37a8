package io.changeflow.upgrade;

/**
 * The validators' vote on a runtime upgrade (002 §4.4): approved by at least 2/3 of ALL validators voting aye.
 * During the period it is decided as soon as the outcome cannot change; at the end of the period a vote that did not
 * pass is "rejected" if at least 2/3 of the validators voted (quorum), otherwise "no-quorum".
 */
record VoteTally(int validators, int ayes, int nays) {

	static final String PENDING = "pending";

	static final String APPROVED = "approved";

	static final String REJECTED = "rejected";

	static final String NO_QUORUM = "no-quorum";

	VoteTally {
		if (validators <= 0 || ayes < 0 || nays < 0 || ayes + nays > validators) {
			throw new IllegalArgumentException(
					"Impossible tally: " + ayes + " ayes and " + nays + " nays of " + validators + " validators");
		}
	}

	/** The fewest ayes that pass: ayes × 3 ≥ validators × 2. */
	int threshold() {
		return (validators * 2 + 2) / 3;
	}

	int notYetVoted() {
		return validators - ayes - nays;
	}

	boolean quorum() {
		return (ayes + nays) * 3 >= validators * 2;
	}

	/** While the period runs: approved or rejected once no remaining vote can change it, else pending. */
	String duringPeriod() {
		if (ayes >= threshold()) {
			return APPROVED;
		}
		return (ayes + notYetVoted() < threshold()) ? REJECTED : PENDING;
	}

	/** When the period has ended: whatever was not approved is rejected or, without quorum, not decided at all. */
	String atEndOfPeriod() {
		if (ayes >= threshold()) {
			return APPROVED;
		}
		return quorum() ? REJECTED : NO_QUORUM;
	}

	@Override
	public String toString() {
		return ayes + " aye, " + nays + " nay, " + notYetVoted() + " not voted of " + validators
				+ " validators (threshold " + threshold() + ")";
	}

}
