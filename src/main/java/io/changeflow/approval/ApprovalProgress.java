package io.changeflow.approval;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How far a change's approval has come, read from its variables: who decided what and when, and what the policy
 * requires. Each module that runs an approval (the approval rounds here, the validator vote of a runtime upgrade)
 * implements it for its categories.
 */
public interface ApprovalProgress {

	boolean covers(String category);

	Progress read(Map<String, Object> variables);

	/** @param required each approval the policy requires, e.g. "peer review", "CAB: security", "2/3 of 6 validators" */
	record Progress(List<Decision> decisions, List<String> required) {

		public static final Progress NONE = new Progress(List.of(), List.of());

	}

	/** @param role the slot or role decided in, e.g. "peer review", "validator" */
	record Decision(String user, String role, String decision, Instant at, String comment) {
	}

}
