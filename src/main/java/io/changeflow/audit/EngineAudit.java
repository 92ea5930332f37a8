package io.changeflow.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.changeflow.change.StepResults;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.pvm.runtime.PvmExecutionImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.DelegationState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes the audit trail of every change flow from inside the engine: while parsing, it adds listeners to every
 * process, task, gateway flow, event and automated step, so no diagram carries audit listeners of its own and a new
 * diagram is audited as soon as it is deployed; a history event handler adds what people do to an instance around
 * its model. Both run in the transaction of the step they describe (see {@link AuditTrail}). The only engine-internal
 * API of the audit module lives here.
 */
@Component
class EngineAudit extends AbstractProcessEnginePlugin {

	/** Process variable naming the change; every change process and the steps it calls carry it. */
	private static final String CHANGE_ID = "changeId";

	/** The variables naming the artifact approvals bind to: a commit, or a runtime upgrade's WASM blob. */
	private static final List<String> ARTIFACTS = List.of("commitSha", "wasmHash");

	// variables kept on the change for forms and policy, recorded in their own rows (policy.decided) or not facts
	private static final Set<String> NOT_REQUEST_FIELDS = Set.of("policyDecisions", CHANGE_ID);

	// looked up when the first change moves, long after the engine is built
	private final ObjectProvider<AuditTrail> trail;

	private final FormFields forms;

	EngineAudit(ObjectProvider<AuditTrail> trail, FormFields forms) {
		this.trail = trail;
		this.forms = forms;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new Parser());
		if (configuration.getCustomHistoryEventHandlers() == null) {
			configuration.setCustomHistoryEventHandlers(new ArrayList<>());
		}
		configuration.getCustomHistoryEventHandlers().add(new Operations());
	}

	private void record(VariableScope scope, RetentionClass retention, String type, String actor,
			String processInstanceId, String activityId, String activityName, String taskId,
			Map<String, Object> details) {
		Object changeId = scope.getVariable(CHANGE_ID);
		// a freeze declaration is no change: its trail is the freeze.declared row
		if (changeId != null) {
			trail.getObject()
				.append(new AuditRecord(changeId.toString(), retention, type, actor, processInstanceId, activityId,
						activityName, taskId, details));
		}
	}

	private void execution(DelegateExecution execution, String type, String actor, Map<String, Object> details) {
		record(execution, RetentionClass.RECORDS, type, actor, execution.getProcessInstanceId(),
				execution.getCurrentActivityId(), execution.getCurrentActivityName(), null, details);
	}

	/** A person's action on a task; the engine creates tasks, so their creation has no actor. */
	private void task(DelegateTask task, String type, Map<String, Object> details) {
		String actor = TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) ? null
				: user(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
		record(task, RetentionClass.RECORDS, type, actor, task.getProcessInstanceId(), task.getTaskDefinitionKey(),
				task.getName(), task.getId(), details);
	}

	private static String user(Authentication authentication) {
		return (authentication != null) ? authentication.getUserId() : null;
	}

	private static String actor(DelegateExecution execution) {
		return user(execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
	}

	private static Map<String, Object> values(VariableScope scope, Iterable<String> names) {
		var values = new LinkedHashMap<String, Object>();
		for (String name : names) {
			Object value = scope.getVariable(name);
			if (value != null) {
				values.put(name, value);
			}
		}
		return values;
	}

	private static Map<String, Object> artifact(VariableScope scope, Map<String, Object> details) {
		for (String name : ARTIFACTS) {
			if (scope.getVariable(name) != null) {
				details.put("artifact", scope.getVariable(name));
				break;
			}
		}
		return details;
	}

	// the request as submitted: every field of the start form or API body that holds a plain value
	private static Map<String, Object> request(DelegateExecution execution) {
		var fields = new LinkedHashMap<String, Object>();
		execution.getVariables().forEach((name, value) -> {
			if (value != null && !NOT_REQUEST_FIELDS.contains(name) && (value instanceof String
					|| value instanceof Number || value instanceof Boolean || value instanceof java.util.Date)) {
				fields.put(name, value);
			}
		});
		return fields;
	}

	/**
	 * What people do to a change around its model, through Cockpit or {@code /engine-rest}: variables set or removed,
	 * instances modified, migrated, suspended, jobs retried, candidates changed. The engine's user operation log
	 * announces each as a history event inside the operation's command. Task operations and the start have rows of
	 * their own. (The log names no variable: a variable's name and value are in Camunda's variable history.)
	 */
	private final class Operations implements HistoryEventHandler {

		@Override
		public void handleEvent(HistoryEvent event) {
			if (event instanceof UserOperationLogEntryEventEntity operation && operation.getProcessInstanceId() != null
					&& !EntityTypes.TASK.equals(operation.getEntityType())
					&& !UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(operation.getOperationType())) {
				ExecutionEntity instance = Context.getCommandContext()
					.getExecutionManager()
					.findExecutionById(operation.getProcessInstanceId());
				if (instance != null) {
					record(instance, RetentionClass.RECORDS, "operation.performed", operation.getUserId(),
							operation.getProcessInstanceId(), null, null, null,
							AuditRecord.details("operation", operation.getOperationType(), "entity",
									operation.getEntityType(), "property", operation.getProperty(), "from",
									operation.getOrgValue(), "to", operation.getNewValue()));
				}
			}
		}

		@Override
		public void handleEvents(List<HistoryEvent> events) {
			events.forEach(this::handleEvent);
		}

	}

	private final class Parser extends AbstractBpmnParseListener {

		private final ExecutionListener processStarted = execution -> {
			if (execution.getSuperExecution() == null) {
				execution(execution, "change.requested", actor(execution), request(execution));
			}
		};

		private final ExecutionListener processEnded = execution -> {
			if (execution.isCanceled() && execution.getSuperExecution() == null) {
				var details = new LinkedHashMap<String, Object>();
				details.put("reason", ((PvmExecutionImpl) execution).getDeleteReason());
				execution(execution, "change.cancelled", actor(execution), details);
			}
		};

		private final ExecutionListener outcome = execution -> execution(execution, "outcome.reached", null,
				AuditRecord.details("process", processKey(execution), "outcome", execution.getCurrentActivityName()));

		private final ExecutionListener eventOccurred = execution -> execution(execution, "event.occurred", null,
				AuditRecord.details("event", execution.getCurrentActivityName()));

		private final TaskListener taskCreated = task -> {
			var details = new LinkedHashMap<String, Object>();
			details.put("candidateGroups", task.getCandidates()
				.stream()
				.filter(link -> link.getGroupId() != null)
				.map(link -> link.getGroupId())
				.sorted()
				.toList());
			details.put("assignee", task.getAssignee());
			details.put("due", task.getDueDate());
			task(task, "task.created", details);
		};

		private final TaskListener taskAssigned = task -> {
			TaskEntity entity = (TaskEntity) task;
			String actor = user(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
			String type;
			if (task.getAssignee() == null) {
				type = "task.unclaimed";
			}
			else if (entity.getDelegationState() == DelegationState.PENDING && entity.getOwner() != null
					&& !entity.getOwner().equals(task.getAssignee())) {
				type = "task.delegated";
			}
			else if (entity.getDelegationState() == DelegationState.RESOLVED
					&& task.getAssignee().equals(entity.getOwner())) {
				type = "task.resolved";
			}
			else {
				type = task.getAssignee().equals(actor) ? "task.claimed" : "task.assigned";
			}
			var details = new LinkedHashMap<String, Object>();
			details.put("assignee", task.getAssignee());
			details.put("owner", entity.getOwner());
			task(task, type, details);
		};

		private final TaskListener taskCancelled = task -> task(task, "task.cancelled",
				AuditRecord.details("reason", ((TaskEntity) task).getDeleteReason()));

		@Override
		public void parseProcess(Element element, ProcessDefinitionEntity process) {
			process.addListener(ExecutionListener.EVENTNAME_START, processStarted);
			// built in: a deletion that skips custom listeners (Cockpit's default) is still recorded
			process.addBuiltInListener(ExecutionListener.EVENTNAME_END, processEnded);
		}

		@Override
		public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			List<String> entered = new ArrayList<>(
					forms.of(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef", "")));
			StepResults.of(activity.getId()).stream().filter(name -> !entered.contains(name)).forEach(entered::add);
			TaskListener completed = task -> {
				var details = values(task, entered);
				task.getVariablesLocal().forEach(details::putIfAbsent);
				task(task, "task.completed", artifact(task, details));
			};
			var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
			definition.addTaskListener(TaskListener.EVENTNAME_CREATE, taskCreated);
			definition.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, taskAssigned);
			// built in, so it runs before the model's own listeners: an approval's listener clears the decision it
			// recorded; one that refuses the completion rolls this row back with it
			definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, completed);
			definition.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, taskCancelled);
		}

		@Override
		public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			boolean pipeline = "external".equals(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "type"));
			automated(activity, pipeline, null);
		}

		@Override
		public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			automated(activity, false,
					element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "resultVariable"));
		}

		@Override
		public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			automated(activity, false, null);
		}

		@Override
		public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			activity.addListener(ExecutionListener.EVENTNAME_START, eventOccurred);
		}

		// a catch event starts when the process begins to wait and ends when the event occurs
		@Override
		public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
				if (!execution.isCanceled()) {
					eventOccurred.notify(execution);
				}
			});
		}

		@Override
		public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			activity.addListener(ExecutionListener.EVENTNAME_START, outcome);
		}

		/** Which way a decision went: "Change approved?" → "yes", recorded when the flow out of it is taken. */
		@Override
		public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl flow) {
			ActivityImpl gateway = flow.getSource();
			String type = gateway.getProperties().get(BpmnProperties.TYPE);
			if (!"exclusiveGateway".equals(type) && !"inclusiveGateway".equals(type)) {
				return;
			}
			String gatewayName = (gateway.getName() != null) ? gateway.getName() : gateway.getId();
			String flowName = element.attribute("name", ((ActivityImpl) flow.getDestination()).getName());
			flow.addListener(ExecutionListener.EVENTNAME_TAKE, (ExecutionListener) execution -> {
				// a joining gateway decides nothing
				if (gateway.getOutgoingTransitions().size() > 1) {
					record(execution, RetentionClass.RECORDS, "gateway.decided", null,
							execution.getProcessInstanceId(), gateway.getId(), gatewayName, null,
							AuditRecord.details("gateway", gatewayName, "outcome", flowName));
				}
			});
		}

		/**
		 * A step the engine or a pipeline ran: what it reported, or what the decision table decided. A pipeline's
		 * report is a deployment log, done by the worker's user; the engine's own steps are done by nobody.
		 */
		private void automated(ActivityImpl activity, boolean pipeline, String resultVariable) {
			RetentionClass retention = pipeline ? RetentionClass.DEPLOYMENT : RetentionClass.RECORDS;
			var reported = new ArrayList<>(StepResults.of(activity.getId()));
			if (resultVariable != null && !resultVariable.isEmpty()) {
				reported.add(resultVariable);
			}
			activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
				if (!execution.isCanceled()) {
					var details = values(execution, reported);
					details.put("step", execution.getCurrentActivityName());
					record(execution, retention, "step.completed", pipeline ? actor(execution) : null,
							execution.getProcessInstanceId(),
							execution.getCurrentActivityId(), execution.getCurrentActivityName(), null, details);
				}
			});
		}

		private static String processKey(DelegateExecution execution) {
			return execution.getProcessDefinitionId().split(":")[0];
		}

	}

}
