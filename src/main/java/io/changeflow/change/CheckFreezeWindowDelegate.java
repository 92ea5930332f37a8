package io.changeflow.change;

import java.time.Clock;
import java.util.Date;

import io.changeflow.policy.DeploymentWindows;
import io.changeflow.policy.FreezeCalendar;
import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.policy.SlotPlanner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check freeze before implementation": a freeze may have been declared after the change was scheduled, and the
 * timer may fire late, so the policy is asked again when the slot arrives. Clear only if the change may start now;
 * a freeze starting later in the slot shortens it. A blocked change goes back to scheduling for the next valid slot.
 */
@Component
class CheckFreezeWindowDelegate implements JavaDelegate {

	private final SlotPlanner planner;

	private final FreezeCalendar freezes;

	private final DeploymentWindows windows;

	private final PolicyDecisionLog decisions;

	private final Clock clock;

	CheckFreezeWindowDelegate(SlotPlanner planner, FreezeCalendar freezes, DeploymentWindows windows,
			PolicyDecisionLog decisions, Clock clock) {
		this.planner = planner;
		this.freezes = freezes;
		this.windows = windows;
		this.decisions = decisions;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var now = clock.instant();
		var context = ChangeFacts.context(execution);
		var booked = (Date) execution.getVariable("scheduledEnd");
		var slot = planner.slotFromNow((booked != null) ? booked.toInstant() : null, ChangeFacts.window(execution),
				context);
		// unmoved, the slot starts at the planner's own "now", a moment after ours; moved, it starts in the future
		boolean clear = !slot.start().isAfter(clock.instant());
		execution.setVariable("clearToImplement", clear);
		if (clear) {
			execution.setVariable("scheduledEnd", Date.from(slot.end()));
			decisions.record(execution, "Check freeze before implementation",
					"Clear to implement until " + slot.end());
			return;
		}
		String why = freezes.blockingFreezeAt(now, context)
			.map(freeze -> freeze.describe())
			.orElse("Slot missed: " + now + " is outside the " + windows.label(slot.window()));
		execution.setVariable("freezeHit", why);
		decisions.record(execution, "Check freeze before implementation", "Blocked, rescheduling. " + why);
	}

}
