package io.changeflow.change;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a change stands in its lifecycle, as tooling and people see it. The category's process decides which step
 * means which phase ({@link ChangePhases}); a change may go back (revision after review, rescheduling after a
 * freeze). Closed is final; its outcome says how it ended.
 */
public enum ChangePhase {

	REQUESTED("requested"), IN_REVIEW("in-review"), AWAITING_CAB("awaiting-cab"), SCHEDULED("scheduled"),
	IMPLEMENTING("implementing"), VERIFYING("verifying"), CLOSING("closing"), CLOSED("closed");

	private final String value;

	ChangePhase(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return value;
	}

	/** Before implementation a change may still be withdrawn; from then on it runs to its outcome. */
	public boolean beforeImplementation() {
		return ordinal() < IMPLEMENTING.ordinal();
	}

	public static Optional<ChangePhase> parse(String value) {
		return Arrays.stream(values()).filter(phase -> phase.value.equals(value)).findFirst();
	}

}
