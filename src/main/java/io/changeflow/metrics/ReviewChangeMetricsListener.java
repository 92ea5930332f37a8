package io.changeflow.metrics;

import java.util.ArrayList;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Review change metrics is done with findings and actions, whichever door completes it (the form asks for both). */
@Component
class ReviewChangeMetricsListener implements TaskListener {

	static final int MAX_LENGTH = 4000;

	@Override
	public void notify(DelegateTask task) {
		var problems = new ArrayList<String>();
		for (String field : new String[] { "reviewFindings", "reviewActions" }) {
			Object value = task.getVariable(field);
			if (!(value instanceof String text) || text.isBlank()) {
				problems.add(field + " is required");
			}
			else if (text.length() > MAX_LENGTH) {
				problems.add(field + " is longer than " + MAX_LENGTH + " characters");
			}
		}
		if (!problems.isEmpty()) {
			throw new BadUserRequestException("Cannot complete '" + task.getName() + "': " + String.join("; ", problems));
		}
	}

}
