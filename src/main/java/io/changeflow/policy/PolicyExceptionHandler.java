package io.changeflow.policy;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The policy's refusals as RFC 7807 problems, wherever a controller lets them through. */
@RestControllerAdvice
class PolicyExceptionHandler {

	@ExceptionHandler
	ProblemDetail violation(PolicyViolationException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Refused by the change policy",
				String.join("; ", ex.problems()));
		problem.setProperty("problems", ex.problems());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unknownFreeze(UnknownFreezeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Unknown freeze", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail alreadyEnded(FreezeAlreadyEndedException ex) {
		return problem(HttpStatus.CONFLICT, "Freeze already ended", ex.getMessage());
	}

	// the "windows that never open": a question with no answer in the lookahead is a bad request
	@ExceptionHandler
	ProblemDetail noSlot(NoSlotException ex) {
		return problem(HttpStatus.BAD_REQUEST, "No slot", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
