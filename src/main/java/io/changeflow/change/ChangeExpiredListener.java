package io.changeflow.change;

import io.changeflow.policy.PolicyDecisionLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs when an expiry timer ("Not revised in time"…) fires: a change never ends silently, so the outcome, the policy
 * decision and an event for notifications and the audit trail record which step was abandoned.
 */
@Component
class ChangeExpiredListener implements ExecutionListener {

	private final PolicyDecisionLog decisions;

	private final ApplicationEventPublisher events;

	ChangeExpiredListener(PolicyDecisionLog decisions, ApplicationEventPublisher events) {
		this.decisions = decisions;
		this.events = events;
	}

	@Override
	public void notify(DelegateExecution execution) {
		String step = execution.getCurrentActivityName();
		execution.setVariable("outcome", "Expired: " + step);
		decisions.record(execution, step, "Change expired: no action within the expiry period after the due date");
		events.publishEvent(new ChangeExpired(ChangeFacts.changeId(execution), (String) execution.getVariable("title"),
				(String) execution.getVariable("requester"), step));
	}

}
