package io.changeflow.change;

import java.util.Date;

import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.policy.SlotPlanner;
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

	private final PolicyDecisionLog decisions;

	private final ApplicationEventPublisher events;

	ScheduleChangeDelegate(SlotPlanner planner, PolicyDecisionLog decisions, ApplicationEventPublisher events) {
		this.planner = planner;
		this.decisions = decisions;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var slot = planner.earliestSlot(RequestedDate.parse(execution.getVariable("requestedDate")),
				ChangeFacts.window(execution), ChangeFacts.context(execution));
		var previous = (Date) execution.getVariable("scheduledStart");
		execution.setVariable("scheduledStart", Date.from(slot.start()));
		execution.setVariable("scheduledEnd", Date.from(slot.end()));
		execution.setVariable("deploymentWindow", slot.window().name());
		execution.setVariable("slotReasons", String.join("\n", slot.reasons()));
		decisions.record(execution, "Schedule change", slot.window().label() + ": " + slot.start() + " – "
				+ slot.end() + ". " + String.join("; ", slot.reasons()));
		events.publishEvent(new ChangeScheduled(ChangeFacts.changeId(execution),
				(String) execution.getVariable("title"), (String) execution.getVariable("requester"), slot.start(),
				slot.end(), slot.window().label(), slot.reasons(), previous == null ? null : previous.toInstant()));
	}

}
