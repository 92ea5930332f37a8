package io.changeflow.emergency;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * "Start follow-up change" (002 §4.3 step 5): starts a normal change at the requester's "Revise change", carrying the
 * emergency's facts and review findings, and links the two changes both ways ({@code followUpOf},
 * {@code followUpChangeId}).
 */
@Component
class StartFollowUpChangeDelegate implements JavaDelegate {

	static final String MESSAGE = "FollowUpChangeRequested";

	@Override
	public void execute(DelegateExecution emergency) {
		String changeId = (String) emergency.getVariable("changeId");
		var variables = new HashMap<String, Object>();
		variables.put("requester", emergency.getVariable("requester"));
		variables.put("title", emergency.getVariable("followUpTitle"));
		variables.put("summary", emergency.getVariable("followUpSummary"));
		variables.put("service", emergency.getVariable("service"));
		variables.put("environment", emergency.getVariable("environment"));
		variables.put("relatedIncident", emergency.getVariable("incident"));
		variables.put("followUpOf", changeId);
		variables.put("reviewFeedback", feedback(emergency, changeId));
		RuntimeService runtime = emergency.getProcessEngineServices().getRuntimeService();
		// incident commanders hold no grant to start normal changes: the engine starts it on the emergency's behalf
		String followUpChangeId = Context.getCommandContext().runWithoutAuthorization(() -> {
			ProcessInstance followUp = runtime.createMessageCorrelation(MESSAGE)
				.setVariables(variables)
				.correlateStartMessage();
			return (String) runtime.getVariable(followUp.getId(), "changeId");
		});
		emergency.setVariable("followUpChangeId", followUpChangeId);
	}

	private static String feedback(DelegateExecution emergency, String changeId) {
		String approval = "rejected".equals(emergency.getVariable("emergencyApprovalOutcome"))
				? " The emergency CAB rejected the fix after the fact; this change must make it acceptable." : "";
		return "Follow-up of emergency change '" + emergency.getVariable("title") + "' (" + changeId + ", incident "
				+ emergency.getVariable("incident") + ")." + approval + " Complete the request for the normal review."
				+ "\nWhat happened: " + emergency.getVariable("whatHappened") + "\nRoot cause: "
				+ emergency.getVariable("rootCause") + "\nLessons learned: " + emergency.getVariable("lessonsLearned");
	}

}
