package io.changeflow.change;

import io.changeflow.policy.DeploymentBookings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When a change ends, however it ends (closed, rolled back, expired, cancelled in Cockpit), its slot is free again. */
@Component
class ReleaseDeploymentSlotListener implements ExecutionListener {

	private final DeploymentBookings bookings;

	ReleaseDeploymentSlotListener(DeploymentBookings bookings) {
		this.bookings = bookings;
	}

	@Override
	public void notify(DelegateExecution execution) {
		bookings.release(ChangeFacts.changeId(execution));
	}

}
