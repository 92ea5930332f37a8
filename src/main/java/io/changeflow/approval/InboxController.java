package io.changeflow.approval;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.changeflow.security.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/inbox[?limit=1..200]}: the caller's open tasks (reviews, CAB seats, implementation, …), newest
 * first, each with its change and its Tasklist link: what a chat bot or a command line shows an approver. The
 * caller's engine authorizations decide, as in Tasklist ({@link ApproverInbox}).
 */
@RestController
class InboxController {

	private static final int MAX_LIMIT = 200;

	/** One open task of the caller. */
	record InboxTask(String id, String name, String changeId, Instant created, Instant due, String assignee,
			String tasklist) {
	}

	private final ApproverInbox inbox;

	private final CurrentUser caller;

	InboxController(ApproverInbox inbox, CurrentUser caller) {
		this.inbox = inbox;
		this.caller = caller;
	}

	@GetMapping("/api/inbox")
	List<InboxTask> inbox(@RequestParam(defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit) {
		String user = caller.required();
		// Tasklist's routes follow the '#', which a URI builder would encode
		String tasklist = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/camunda/app/tasklist/default/")
			.toUriString() + "#/?task=";
		return inbox.newest(user, caller.groups(), limit)
			.stream()
			.map(entry -> new InboxTask(entry.task().getId(), entry.task().getName(), entry.changeId(),
					instant(entry.task().getCreateTime()), instant(entry.task().getDueDate()),
					entry.task().getAssignee(), tasklist + entry.task().getId()))
			.toList();
	}

	private static Instant instant(Date date) {
		return (date == null) ? null : date.toInstant();
	}

	// limit is the only parameter that can be malformed or out of range
	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, HandlerMethodValidationException.class })
	ProblemDetail badLimit() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"limit must be a whole number from 1 to " + MAX_LIMIT + ".");
	}

}
