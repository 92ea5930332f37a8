package io.changeflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VoteTallyTests {

	@Test
	void thresholdIsTwoThirdsOfAllValidatorsRoundedUp() {
		assertThat(new VoteTally(4, 0, 0).threshold()).isEqualTo(3);
		assertThat(new VoteTally(3, 0, 0).threshold()).isEqualTo(2);
		assertThat(new VoteTally(6, 0, 0).threshold()).isEqualTo(4);
		assertThat(new VoteTally(7, 0, 0).threshold()).isEqualTo(5);
		assertThat(new VoteTally(1, 0, 0).threshold()).isEqualTo(1);
	}

	@Test
	void approvedAsSoonAsTheAyesReachTheThresholdWhateverIsStillOpen() {
		assertThat(new VoteTally(4, 2, 0).duringPeriod()).isEqualTo(VoteTally.PENDING);
		assertThat(new VoteTally(4, 3, 0).duringPeriod()).isEqualTo(VoteTally.APPROVED);
		assertThat(new VoteTally(4, 3, 1).duringPeriod()).isEqualTo(VoteTally.APPROVED);
		assertThat(new VoteTally(7, 5, 0).duringPeriod()).isEqualTo(VoteTally.APPROVED);
	}

	@Test
	void rejectedAsSoonAsTheNaysMakeTheThresholdUnreachable() {
		// 4 validators, threshold 3: one nay leaves 3 possible ayes, two nays leave 2
		assertThat(new VoteTally(4, 0, 1).duringPeriod()).isEqualTo(VoteTally.PENDING);
		assertThat(new VoteTally(4, 0, 2).duringPeriod()).isEqualTo(VoteTally.REJECTED);
		assertThat(new VoteTally(4, 1, 2).duringPeriod()).isEqualTo(VoteTally.REJECTED);
		// 7 validators, threshold 5: three nays leave 4 possible ayes
		assertThat(new VoteTally(7, 4, 2).duringPeriod()).isEqualTo(VoteTally.PENDING);
		assertThat(new VoteTally(7, 0, 3).duringPeriod()).isEqualTo(VoteTally.REJECTED);
	}

	@Test
	void aTieIsNoApproval() {
		assertThat(new VoteTally(4, 2, 2).duringPeriod()).isEqualTo(VoteTally.REJECTED);
		assertThat(new VoteTally(6, 3, 3).duringPeriod()).isEqualTo(VoteTally.REJECTED);
		assertThat(new VoteTally(4, 2, 2).atEndOfPeriod()).isEqualTo(VoteTally.REJECTED);
	}

	@Test
	void atTheEndOfThePeriodTurnoutDecidesBetweenRejectedAndNoQuorum() {
		// quorum: 2/3 of all validators voted
		assertThat(new VoteTally(4, 2, 1).duringPeriod()).isEqualTo(VoteTally.PENDING);
		assertThat(new VoteTally(4, 2, 1).atEndOfPeriod()).isEqualTo(VoteTally.REJECTED);
		assertThat(new VoteTally(4, 2, 0).atEndOfPeriod()).isEqualTo(VoteTally.NO_QUORUM);
		assertThat(new VoteTally(4, 1, 0).atEndOfPeriod()).isEqualTo(VoteTally.NO_QUORUM);
		assertThat(new VoteTally(4, 0, 0).atEndOfPeriod()).isEqualTo(VoteTally.NO_QUORUM);
		assertThat(new VoteTally(6, 3, 1).atEndOfPeriod()).isEqualTo(VoteTally.REJECTED);
		assertThat(new VoteTally(4, 3, 0).atEndOfPeriod()).isEqualTo(VoteTally.APPROVED);
	}

	@Test
	void anImpossibleTallyIsAProgrammingError() {
		assertThatThrownBy(() -> new VoteTally(4, 3, 2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new VoteTally(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theTallyReadsForTheAuditTrail() {
		assertThat(new VoteTally(4, 2, 1)).hasToString("2 aye, 1 nay, 1 not voted of 4 validators (threshold 3)");
	}

}
