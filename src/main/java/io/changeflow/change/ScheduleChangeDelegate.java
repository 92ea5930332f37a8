package io.changeflow.change;

import java.util.Date;

import io.changeflow.policy.SlotPlanner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Schedule change": the earliest slot at or after the requested date inside the change's deployment window and
 * outside every freeze. The process then waits on a timer until the slot starts.
 */
@Component
class ScheduleChangeDelegate implements JavaDelegate {

	private final SlotPlanner planner;

	ScheduleChangeDelegate(SlotPlanner planner) {
		this.planner = planner;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var slot = planner.earliestSlot(RequestedDate.parse(execution.getVariable("requestedDate")),
				ChangeFacts.window(execution), ChangeFacts.NORMAL);
		execution.setVariable("scheduledStart", Date.from(slot.start()));
		execution.setVariable("scheduledEnd", Date.from(slot.end()));
		execution.setVariable("deploymentWindow", slot.window().name());
		execution.setVariable("slotReasons", String.join("\n", slot.reasons()));
	}

}
