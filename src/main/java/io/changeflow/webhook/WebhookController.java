package io.changeflow.webhook;

import java.time.Clock;
import java.util.List;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.changeflow.webhook.Delivery.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/webhooks/deliveries}: what was sent to whom and what failed, for change managers, who may also send a
 * failed delivery again. Subscriptions appear by name only; urls and secrets stay in the configuration.
 */
@RestController
@RequestMapping("/api/webhooks/deliveries")
class WebhookController {

	private static final String WHO = "change managers see and retry webhook deliveries";

	private static final int MAX_LIMIT = 500;

	private static final String BAD_LIMIT = "limit must be a whole number from 1 to " + MAX_LIMIT;

	private final Deliveries deliveries;

	private final CurrentUser caller;

	private final Clock clock;

	WebhookController(Deliveries deliveries, CurrentUser caller, Clock clock) {
		this.deliveries = deliveries;
		this.caller = caller;
		this.clock = clock;
	}

	/** Newest first; {@code status} is pending, delivered or failed. */
	@GetMapping
	List<Delivery> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String changeId,
			@RequestParam(defaultValue = "100") int limit) {
		caller.requiredMemberOf(Roles.CHANGE_MANAGERS, WHO);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, BAD_LIMIT);
		}
		Status wanted = (status == null) ? null
				: Status.parse(status)
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
							"status must be pending, delivered or failed, was '" + status + "'"));
		return deliveries.list(wanted, changeId, limit);
	}

	/** Starts a failed delivery's attempts afresh; the dispatcher sends it on its next run. */
	@PostMapping("/{id}/retry")
	Delivery retry(@PathVariable String id) {
		caller.requiredMemberOf(Roles.CHANGE_MANAGERS, WHO);
		if (!deliveries.retry(id, clock.instant())) {
			Delivery delivery = deliveries.find(id)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No webhook delivery " + id));
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Webhook delivery " + id + " is " + delivery.status().value() + "; only a failed one is retried");
		}
		return deliveries.find(id).orElseThrow();
	}

	// limit is the only parameter that can be malformed: not a number is a type mismatch
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail badLimit() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, BAD_LIMIT);
	}

}
