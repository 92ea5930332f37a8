package io.changeflow.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.changeflow.policy.Utc;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The period [from, to) of an evidence export or a metrics request: ISO-8601 instants with offset or dates (their UTC
 * midnight), {@code to} after {@code from} and at most {@link #MAX_YEARS} later, so no request runs unbounded.
 */
public record ReportingPeriod(Instant from, Instant to) {

	public static final int MAX_YEARS = 1;

	/**
	 * @param longer how the caller gets a longer period, e.g. "export a longer period in several calls"
	 * @return the period, or null after adding what is wrong with it to {@code errors}
	 */
	public static ReportingPeriod parse(String from, String to, String longer, List<FieldError> errors) {
		Instant start = instant("from", from, errors);
		Instant end = instant("to", to, errors);
		if (start == null || end == null) {
			return null;
		}
		if (!end.isAfter(start)) {
			errors.add(new FieldError("to", "must be after from"));
			return null;
		}
		if (end.isAfter(start.atOffset(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
			errors.add(new FieldError("to", "must be at most " + MAX_YEARS + " year after from: " + longer));
			return null;
		}
		return new ReportingPeriod(start, end);
	}

	private static Instant instant(String name, String value, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			errors.add(new FieldError(name, "is required: an ISO-8601 instant or date, e.g. 2026-11-01T00:00:00Z or"
					+ " 2026-11-01"));
			return null;
		}
		try {
			return Utc.instantOrDate(value);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(name, "'" + value + "' is not an ISO-8601 instant with offset or a date, e.g."
					+ " 2026-11-01T00:00:00Z or 2026-11-01"));
			return null;
		}
	}

	public record FieldError(String field, String message) {
	}

	/** Every bad parameter of a request, so one correction fixes them all. */
	public static final class InvalidParametersException extends RuntimeException {

		private final List<FieldError> errors;

		public InvalidParametersException(List<FieldError> errors) {
			super(errors.size() + " invalid parameter(s): " + String.join("; ",
					errors.stream().map(error -> error.field() + " " + error.message()).toList()));
			this.errors = List.copyOf(errors);
		}

	}

	/** The RFC 7807 answer to bad parameters, wherever they are found. */
	@RestControllerAdvice
	static class InvalidParameters {

		@ExceptionHandler
		ProblemDetail invalid(InvalidParametersException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
			problem.setTitle("Invalid request");
			problem.setProperty("errors", ex.errors);
			return problem;
		}

	}

}
