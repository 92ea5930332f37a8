package io.changeflow.change;

import java.time.Clock;
import java.util.Date;

import io.changeflow.policy.DeploymentBookings;
import io.changeflow.policy.DeploymentWindows;
import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.policy.SlotPlanner;
import io.changeflow.system.StringVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * "Schedule change": the earliest slot at or after the requested date inside the change's deployment window and
 * outside every freeze. The process then waits on a timer until the slot starts.
 */
@Component
class ScheduleChangeDelegate implements JavaDelegate {

	private final SlotPlanner planner;

	private final DeploymentBookings bookings;

	private final DeploymentWindows windows;

	private final PolicyDecisionLog decisions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ScheduleChangeDelegate(SlotPlanner planner, DeploymentBookings bookings, DeploymentWindows windows,
			PolicyDecisionLog decisions, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.planner = planner;
		this.bookings = bookings;
		this.windows = windows;
		this.decisions = decisions;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var change = ChangeFacts.context(execution);
		bookings.lockForPlanning();
		// a standard change names no date: it goes as soon as the policy allows
		Object requested = execution.getVariable("requestedDate");
		var slot = planner.earliestSlot((requested != null) ? RequestedDate.parse(requested) : clock.instant(),
				ChangeFacts.window(execution), change);
		String title = (String) execution.getVariable("title");
		bookings.book(change.changeId(), title, change.service(), change.environment(), slot);
		var previous = (Date) execution.getVariable("scheduledStart");
		// re-planned into the same slot (a freeze that does not block this change): nothing moved
		var moved = (previous != null && !previous.toInstant().equals(slot.start())) ? previous.toInstant() : null;
		String window = windows.label(slot.window());
		execution.setVariable("scheduledStart", Date.from(slot.start()));
		execution.setVariable("scheduledEnd", Date.from(slot.end()));
		execution.setVariable("deploymentWindow", slot.window().name());
		// a slot that had to skip many bookings collects a long list of reasons
		execution.setVariable("slotReasons", StringVariables.joinWithin(slot.reasons()));
		decisions.record(execution, "Schedule change",
				window + ": " + slot.start() + " – " + slot.end() + ". " + String.join("; ", slot.reasons()));
		events.publishEvent(new ChangeScheduled(change.changeId(), title, (String) execution.getVariable("requester"),
				slot.start(), slot.end(), window, slot.reasons(), moved));
	}

}
