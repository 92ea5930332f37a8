package io.changeflow.upgrade;

import java.util.Locale;

/**
 * One validator's vote: who, when, aye or nay, and the WASM hash the vote was cast on.
 * @param at ISO-8601 instant
 */
record Vote(String validator, String vote, String comment, String at, String wasmHash) {

	static final String AYE = "aye";

	static final String NAY = "nay";

	boolean aye() {
		return AYE.equals(vote);
	}

	/** "aye" or "nay" in any case and spacing, else null. */
	static String parse(Object value) {
		String vote = (value == null) ? "" : value.toString().strip().toLowerCase(Locale.ROOT);
		return (AYE.equals(vote) || NAY.equals(vote)) ? vote : null;
	}

}
