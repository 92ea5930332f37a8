package io.changeflow.policy;

import java.util.List;

/** A request the policy refuses; names every problem, so one correction fixes them all. Nothing was stored. */
public class PolicyViolationException extends RuntimeException {

	private final List<String> problems;

	public PolicyViolationException(List<String> problems) {
		super("Refused by the change policy: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** For refusals that say what was refused in their own words. */
	protected PolicyViolationException(String message, List<String> problems) {
		super(message);
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
