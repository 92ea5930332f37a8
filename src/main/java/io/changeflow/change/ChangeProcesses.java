package io.changeflow.change;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.changeflow.security.CurrentUser;
import io.changeflow.system.Privileged;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** What the change API asks of the engine, in one place: start, read and withdraw a change's process. */
@Component
class ChangeProcesses {

	private final RuntimeService runtime;

	private final HistoryService history;

	private final Privileged privileged;

	private final CurrentUser user;

	ChangeProcesses(RuntimeService runtime, HistoryService history, Privileged privileged, CurrentUser user) {
		this.runtime = runtime;
		this.history = history;
		this.privileged = privileged;
		this.user = user;
	}

	/**
	 * Starts the category's process as the caller: the engine checks their start grant (only incident commanders and
	 * the engineering lead declare emergencies) and records them as requester.
	 */
	void start(String category, String changeId, Map<String, Object> variables) {
		String process = ChangeStartedListener.CATEGORIES.entrySet()
			.stream()
			.filter(entry -> entry.getValue().equals(category))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown category " + category));
		try {
			runtime.createProcessInstanceByKey(process).businessKey(changeId).setVariables(variables).execute();
		}
		catch (AuthorizationException ex) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					user.required() + " may not start a " + category + " change");
		}
	}

	/** The latest values of the change process's own variables, running or ended. */
	Map<String, Object> variables(ChangeRecord change) {
		return privileged.run(() -> history.createHistoricVariableInstanceQuery()
			.processInstanceId(change.processInstanceId())
			.disableCustomObjectDeserialization()
			.list()
			.stream()
			// the process's own scope: task-local decisions are not the change's
			.filter(variable -> change.processInstanceId().equals(variable.getExecutionId()))
			.filter(variable -> variable.getValue() != null)
			.collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue,
					(first, second) -> second, HashMap::new)));
	}

	/** Ends the change's process and the steps it runs; the API has checked who may. */
	void withdraw(ChangeRecord change, String reason) {
		privileged.run(() -> {
			runtime.deleteProcessInstance(change.processInstanceId(), reason, false, true);
			return null;
		});
	}

}
