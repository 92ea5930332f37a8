package io.changeflow.change;

import java.util.List;

/** A request body of the wrong shape: every field that is missing, unknown or wrong, so one correction fixes all. */
class InvalidRequestException extends RuntimeException {

	private final List<FieldError> errors;

	InvalidRequestException(List<FieldError> errors) {
		super(errors.size() + " invalid field(s): " + String.join("; ", errors.stream().map(FieldError::toString).toList()));
		this.errors = List.copyOf(errors);
	}

	List<FieldError> errors() {
		return errors;
	}

	/** @param field null when the body as a whole is wrong */
	record FieldError(String field, String message) {

		@Override
		public String toString() {
			return (field == null) ? message : field + " " + message;
		}

	}

}
