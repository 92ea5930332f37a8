package io.changeflow.change;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The gate's answer to a pipeline.
 * @param until while awaiting a scheduled slot its start, while allowed the slot's end; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GateView(String changeId, String environment, String artifact, GateState state, String reason, Instant until,
		Instant checkedAt) {

}
