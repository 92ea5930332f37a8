package io.changeflow.notification;

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

/**
 * {@code GET /api/notifications[?changeId=…][&limit=1..500]}: the caller's notifications, addressed to them or to
 * one of their groups, newest first. The caller is the engine's current authentication, which the {@code /api}
 * filter of the security module sets for every request, read through {@link CurrentUser}.
 */
@RestController
class NotificationController {

	private static final int MAX_LIMIT = 500;

	private final Notifications notifications;

	private final CurrentUser caller;

	NotificationController(Notifications notifications, CurrentUser caller) {
		this.notifications = notifications;
		this.caller = caller;
	}

	@GetMapping("/api/notifications")
	List<Notification> notifications(@RequestParam(required = false) String changeId,
			@RequestParam(defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit) {
		String userId = this.caller.required();
		return this.notifications.forUser(userId, this.caller.groups(), changeId, limit);
	}

	// limit is the only parameter that can be malformed or out of range
	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, HandlerMethodValidationException.class })
	ProblemDetail badLimit() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"limit must be a whole number from 1 to " + MAX_LIMIT + ".");
	}

}
