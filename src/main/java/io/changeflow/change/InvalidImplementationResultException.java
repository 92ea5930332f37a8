package io.changeflow.change;

import java.util.List;

/** A reported implementation result that cannot be taken; names every problem, nothing was completed. */
class InvalidImplementationResultException extends RuntimeException {

	private final List<String> problems;

	InvalidImplementationResultException(List<String> problems) {
		super("Invalid implementation result: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return problems;
	}

}
