package io.changeflow.change;

import java.util.List;

import io.changeflow.system.Privileged;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Finds a change's process instances by its id: the change process the registry names and the steps it calls,
 * running or ended.
 */
@Component
class ChangeInstances {

	private final ChangeRegistry registry;

	private final HistoryService history;

	private final Privileged privileged;

	ChangeInstances(ChangeRegistry registry, HistoryService history, Privileged privileged) {
		this.registry = registry;
		this.history = history;
		this.privileged = privileged;
	}

	/**
	 * Whether a change exists is no secret to its callers, who need no grant on the change process itself.
	 * @return the ids of the change's process instances; empty when there is no such change
	 */
	List<String> of(String changeId) {
		return registry.find(changeId)
			.map(change -> privileged.run(() -> history.createHistoricProcessInstanceQuery()
				.rootProcessInstanceId(change.processInstanceId())
				.list())
				.stream()
				.map(HistoricProcessInstance::getId)
				.toList())
			.orElse(List.of());
	}

}
