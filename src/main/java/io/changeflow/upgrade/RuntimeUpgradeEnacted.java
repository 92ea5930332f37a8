package io.changeflow.upgrade;

import java.time.Instant;

/** A runtime release is live on chain: the spec version counts as enacted from now on. */
public record RuntimeUpgradeEnacted(String changeId, String specName, long specVersion, String wasmHash,
		Instant enactedAt) {
}
