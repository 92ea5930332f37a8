package io.changeflow.change;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.ChangeType;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.RiskLevel;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the facts that policy decisions need from a change's variables. */
final class ChangeFacts {

	/** Variable holding the change's id, so other modules' events can be correlated to the change. */
	static final String CHANGE_ID = "changeId";

	/** Variable holding the change's category: standard, normal, emergency or runtime-upgrade. */
	static final String CATEGORY = "changeCategory";

	private ChangeFacts() {
	}

	/** The id {@link ChangeStartedListener} gave the change; called processes inherit it. */
	static String changeId(VariableScope change) {
		return (String) change.getVariable(CHANGE_ID);
	}

	/** @throws InvalidChangeRequestException when nobody authenticated requested the change */
	static String requester(DelegateExecution change) {
		Object requester = change.getVariable("requester");
		if (requester == null) {
			throw new InvalidChangeRequestException(List.of("a change must be requested by an authenticated user"));
		}
		return requester.toString();
	}

	/** What freezes and bookings decide on: service, environment and the incidents this change fixes. */
	static ChangeContext context(DelegateExecution change) {
		return new ChangeContext((String) change.getVariable(CATEGORY), changeId(change),
				(String) change.getVariable("service"), (String) change.getVariable("environment"),
				incidents(change.getVariable("relatedIncident")));
	}

	// "INC-42" from the form; tooling may list several, comma- or space-separated
	static Set<String> incidents(Object relatedIncident) {
		if (relatedIncident == null) {
			return Set.of();
		}
		return Arrays.stream(relatedIncident.toString().split("[,\\s]+"))
			.filter(incident -> !incident.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	/** Standard changes run at any time of day (002 §4.1); the others by type and risk (002 §8.1). */
	static DeploymentWindow window(VariableScope change) {
		if ("standard".equals(change.getVariable(CATEGORY))) {
			return DeploymentWindow.ANY_TIME;
		}
		return DeploymentWindow.forChange(ChangeType.parse(change.getVariable("changeType")).orElseThrow(),
				RiskLevel.parse((String) change.getVariable("riskLevel")),
				Boolean.TRUE.equals(change.getVariable("monitoringHeavy")),
				Boolean.TRUE.equals(change.getVariable("maintenanceWindowRequired")));
	}

}
