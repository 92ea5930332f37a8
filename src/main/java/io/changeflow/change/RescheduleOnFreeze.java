package io.changeflow.change;

import io.changeflow.policy.Booking;
import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.DeploymentBookings;
import io.changeflow.policy.FreezeDeclared;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A freeze declared over booked slots moves the changes waiting for them at once, so the calendar and the people
 * concerned see the new date now rather than when the slot arrives. Runs after the freeze is committed; if it fails,
 * the check when the slot arrives still stops the change.
 */
@Component
class RescheduleOnFreeze {

	static final String MESSAGE = "FreezeDeclaredOverSlot";

	private final DeploymentBookings bookings;

	private final RuntimeService runtime;

	RescheduleOnFreeze(DeploymentBookings bookings, RuntimeService runtime) {
		this.bookings = bookings;
		this.runtime = runtime;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(FreezeDeclared event) {
		var freeze = event.freeze();
		for (Booking booking : bookings.overlapping(freeze.start(), freeze.end())) {
			// bookings do not carry incident references: a related fix is re-planned too and keeps its slot. Only
			// standard and normal changes book, and freezes block both alike
			var change = new ChangeContext("normal", booking.changeId(), booking.service(), booking.environment(),
					null);
			if (freeze.blocks(change)) {
				runtime.createMessageCorrelation(MESSAGE)
					.processInstanceVariableEquals(ChangeFacts.CHANGE_ID, booking.changeId())
					.correlateAll();
			}
		}
	}

}
