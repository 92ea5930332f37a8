package io.changeflow.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * Refuses every write to a {@link GuardedVariables guarded variable} that does not come from the engine's own steps:
 * set, patch or delete variables (REST, Cockpit, Java API), variables sent along with a task completion, form
 * submission, message, signal, external task completion or instance modification, by anyone, change managers
 * included. A start may name only its starter as the starter ({@code camunda:initiator}). The engine's own steps
 * (delegates, listeners, called processes, multi-instance) write while an execution runs, or hand a called process's
 * variables to its caller; a caller's variables are written before anything runs. Every variable write passes the history event handlers synchronously, in the writing command, so
 * a refusal rolls the whole call back.
 */
@Component
class VariableGuard extends AbstractProcessEnginePlugin {

	// while an exception propagates from a task listener, the engine hands a called process's variables to its caller
	private static final String OUTPUT_PROPAGATION = "org.camunda.bpm.engine.impl.tree.OutputVariablesPropagator";

	private static final Set<String> WRITES = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName(),
			HistoryEventTypes.VARIABLE_INSTANCE_UPDATE.getEventName(),
			HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName());

	private final Set<String> guarded = new HashSet<>();

	private final Set<String> starters = new HashSet<>();

	private final SeparationOfDuties duties;

	VariableGuard(List<GuardedVariables> modules, SeparationOfDuties duties) {
		modules.forEach(module -> {
			guarded.addAll(module.names());
			starters.addAll(module.starterNames());
		});
		this.duties = duties;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomHistoryEventHandlers() == null) {
			configuration.setCustomHistoryEventHandlers(new ArrayList<>());
		}
		configuration.getCustomHistoryEventHandlers().add(new Guard());
	}

	// the guard sees variable writes only as history events: a history level without them would switch it off
	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		HistoryLevel level = configuration.getHistoryLevel();
		if (level == null || !level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, null)) {
			throw new IllegalStateException("Separation of duties needs variable history (history level audit or "
					+ "above), not " + (level == null ? "none" : level.getName()));
		}
	}

	private final class Guard implements HistoryEventHandler {

		@Override
		public void handleEvent(HistoryEvent event) {
			if (!(event instanceof HistoricVariableUpdateEventEntity variable) || !WRITES.contains(event.getEventType())
					|| !guarded.contains(variable.getVariableName()) || Context.getCoreExecutionContext() != null
					|| passedOutByTheEngine()) {
				return;
			}
			var command = Context.getCommandContext();
			String actor = command.getAuthenticatedUserId();
			ExecutionEntity instance = (variable.getProcessInstanceId() == null) ? null
					: command.getExecutionManager().findExecutionById(variable.getProcessInstanceId());
			if (instance != null && instance.isProcessInstanceStarting() && starters.contains(variable.getVariableName())
					&& !HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName().equals(event.getEventType())
					&& Objects.equals(actor, variable.getTextValue())) {
				return;
			}
			String name = variable.getVariableName();
			String verb = verb(event);
			throw duties.refuse(changeId(instance), actor, verb + " variable " + name, name
					+ " is recorded by the engine itself; " + (actor == null ? "an anonymous call" : actor) + " cannot "
					+ verb + " it");
		}

		@Override
		public void handleEvents(List<HistoryEvent> events) {
			events.forEach(this::handleEvent);
		}

		// rare (only guarded writes outside a running step get here), so walking the stack costs nothing
		private static boolean passedOutByTheEngine() {
			return StackWalker.getInstance()
				.walk(frames -> frames.anyMatch(frame -> frame.getClassName().equals(OUTPUT_PROPAGATION)));
		}

		private static String verb(HistoryEvent event) {
			return HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName().equals(event.getEventType()) ? "delete"
					: "set";
		}

		// the change id the change's own start listener gives it; before that, the business key the API starts with
		private static String changeId(ExecutionEntity instance) {
			if (instance == null) {
				return null;
			}
			Object changeId = instance.getVariable("changeId");
			return changeId != null ? changeId.toString() : instance.getBusinessKey();
		}

	}

}
