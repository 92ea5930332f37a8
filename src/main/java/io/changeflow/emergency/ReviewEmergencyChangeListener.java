package io.changeflow.emergency;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The post-implementation review (002 §4.3 step 4) is complete only with its findings; an emergency the CAB rejected
 * after the fact must be followed up by a normal change (the fix stays deployed but is not accepted as it is).
 */
@Component
class ReviewEmergencyChangeListener implements TaskListener {

	/** Findings, each quoted in the follow-up change's feedback (a text variable of at most 4000 characters). */
	static final List<String> FINDINGS = List.of("whatHappened", "rootCause", "lessonsLearned");

	static final int FINDING_LENGTH = 1000;

	static final int TITLE_LENGTH = 200;

	static final int SUMMARY_LENGTH = 2000;

	@Override
	public void notify(DelegateTask task) {
		var problems = new ArrayList<String>();
		for (String finding : FINDINGS) {
			check(task, finding, FINDING_LENGTH, true, problems);
		}
		boolean rejected = "rejected".equals(task.getVariable("emergencyApprovalOutcome"));
		boolean followUp = Boolean.TRUE.equals(task.getVariable("followUpRequired"));
		if (rejected && !followUp) {
			problems.add("followUpRequired: the emergency CAB rejected this change, so a follow-up normal change is"
					+ " mandatory");
		}
		check(task, "followUpTitle", TITLE_LENGTH, followUp, problems);
		check(task, "followUpSummary", SUMMARY_LENGTH, followUp, problems);
		if (!problems.isEmpty()) {
			throw new EmergencyRefusedException("Cannot complete '" + task.getName() + "'", problems);
		}
		task.setVariable("followUpRequired", followUp);
	}

	private static void check(DelegateTask task, String variable, int maxLength, boolean required,
			List<String> problems) {
		String value = Objects.toString(task.getVariable(variable), "").strip();
		if (value.isEmpty() && required) {
			problems.add(variable + " is required");
		}
		else if (value.length() > maxLength) {
			problems.add(variable + " is longer than " + maxLength + " characters");
		}
	}

}
