package io.changeflow.policy;

/** No declared or post-incident freeze has this id. */
public class UnknownFreezeException extends RuntimeException {

	UnknownFreezeException(String id) {
		super("No declared or post-incident freeze has the id '" + id + "'");
	}

}
