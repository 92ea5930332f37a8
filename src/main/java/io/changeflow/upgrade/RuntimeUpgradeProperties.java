package io.changeflow.upgrade;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chain's timing, which the policy counts in blocks (002 §4.4): the vote lasts {@code votingPeriodBlocks}, an
 * approved upgrade is enacted {@code enactmentDelayBlocks} after the vote; block numbers count from {@code genesis}.
 */
@ConfigurationProperties("changeflow.runtime-upgrade")
record RuntimeUpgradeProperties(@DefaultValue("PT6S") Duration blockTime,
		@DefaultValue("100800") long votingPeriodBlocks, @DefaultValue("14400") long enactmentDelayBlocks,
		@DefaultValue("2026-01-01T00:00:00Z") Instant genesis) {

	RuntimeUpgradeProperties {
		if (blockTime.isNegative() || blockTime.isZero()) {
			throw new IllegalArgumentException("changeflow.runtime-upgrade.block-time must be positive: " + blockTime);
		}
		if (votingPeriodBlocks <= 0 || enactmentDelayBlocks < 0) {
			throw new IllegalArgumentException("changeflow.runtime-upgrade: the voting period must be at least one"
					+ " block and the enactment delay must not be negative");
		}
	}

}
