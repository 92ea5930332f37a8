package io.changeflow.upgrade;

/**
 * The validators decided on a runtime upgrade: {@code outcome} is approved, rejected or no-quorum.
 * @param wasmHash the hash voted on
 */
public record RuntimeUpgradeVoteDecided(String changeId, String specName, long specVersion, String wasmHash,
		String outcome, int ayes, int nays, int validators) {
}
