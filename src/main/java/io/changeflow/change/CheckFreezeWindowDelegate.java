package io.changeflow.change;

import java.time.Clock;

import io.changeflow.policy.FreezeCalendar;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check freeze before implementation": a freeze may have been declared after the change was scheduled, so the
 * calendar is asked again when the slot arrives. A blocked change goes back to scheduling for the next valid slot.
 */
@Component
class CheckFreezeWindowDelegate implements JavaDelegate {

	private final FreezeCalendar freezes;

	private final Clock clock;

	CheckFreezeWindowDelegate(FreezeCalendar freezes, Clock clock) {
		this.freezes = freezes;
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		var freeze = freezes.blockingFreezeAt(clock.instant(), ChangeFacts.NORMAL);
		execution.setVariable("clearToImplement", freeze.isEmpty());
		freeze.ifPresent(blocking -> execution.setVariable("freezeHit",
				blocking.name() + " until " + blocking.end() + ": " + blocking.reason()));
	}

}
