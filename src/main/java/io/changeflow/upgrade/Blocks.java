package io.changeflow.upgrade;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Converts between the policy's block counts and the engine's timers. Block numbers are for people (which block a
 * vote ends, an upgrade is enacted); the timers run on instants derived from the configured block time.
 */
@Component
@EnableConfigurationProperties(RuntimeUpgradeProperties.class)
class Blocks {

	private final RuntimeUpgradeProperties properties;

	Blocks(RuntimeUpgradeProperties properties) {
		this.properties = properties;
	}

	Instant votingEnds(Instant opened) {
		return after(opened, properties.votingPeriodBlocks());
	}

	Instant enactment(Instant voteEnded) {
		return after(voteEnded, properties.enactmentDelayBlocks());
	}

	/** The number of the block produced at {@code at}, counted from genesis (block 0). */
	long numberAt(Instant at) {
		return Duration.between(properties.genesis(), at).toMillis() / properties.blockTime().toMillis();
	}

	private Instant after(Instant start, long blocks) {
		return start.plus(properties.blockTime().multipliedBy(blocks));
	}

}
