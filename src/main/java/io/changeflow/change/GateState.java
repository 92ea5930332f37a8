package io.changeflow.change;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the deployment gate tells a pipeline about a change. */
public enum GateState {

	/** Not yet: the change still needs approval, or its slot has not opened. */
	AWAITING("awaiting"),
	/** Deploy now: approved, inside its slot, not frozen, and the artifact is the one approved. */
	ALLOWED("allowed"),
	/** Do not deploy: a freeze blocks it, or it is not the artifact or environment that was approved. */
	PREVENTED("prevented"),
	/** Too late: the slot has passed, the implementation was reported, or the change ended. */
	EXPIRED("expired");

	private final String value;

	GateState(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return value;
	}

}
