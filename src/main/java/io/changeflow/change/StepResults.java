package io.changeflow.change;

import java.util.Map;
import java.util.Set;

/** What a person or pipeline must report to finish an implementation-phase step, for those who record it. */
public final class StepResults {

	private StepResults() {
	}

	/** The variables that complete the step with this activity id; empty for other steps. */
	public static Set<String> of(String activityId) {
		return RequiredInputsListener.REQUIRED.getOrDefault(activityId, Map.of()).keySet();
	}

}
