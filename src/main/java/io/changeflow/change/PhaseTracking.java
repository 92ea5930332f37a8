package io.changeflow.change;

import java.util.ArrayList;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells the {@link ChangeLifecycle} when a change enters a phase or ends, for every change process and the shared
 * steps they call, without a listener in each model: the engine adds them while parsing ({@link ChangePhases} says
 * which step is which phase). The only engine-internal API of the phase tracking lives here.
 */
@Component
class PhaseTracking extends AbstractProcessEnginePlugin {

	// the lifecycle needs engine services; looked up when the first change moves, long after the engine is built
	private final ObjectProvider<ChangeLifecycle> lifecycle;

	PhaseTracking(ObjectProvider<ChangeLifecycle> lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new Parser());
	}

	private void entered(DelegateExecution execution) {
		ChangePhases.of(execution.getCurrentActivityId()).ifPresent(phase -> {
			Object target = execution.getVariable("targetEnvironment");
			Object enactmentAt = execution.getVariable("enactmentAt");
			lifecycle.getObject()
				.entered(ChangeFacts.changeId(execution), phase, ChangeStartedListener.request(execution),
						(target != null) ? target.toString() : (String) execution.getVariable("environment"),
						(enactmentAt instanceof Date at) ? at.toInstant() : null);
		});
	}

	private void ended(DelegateExecution execution) {
		boolean verified = "success".equals(execution.getVariable("verificationResult"));
		lifecycle.getObject()
			.ended(ChangeFacts.changeId(execution), execution.getProcessInstanceId(), execution.getCurrentActivityName(),
					verified && ChangePhases.SUCCESSFUL_ENDS.contains(execution.getCurrentActivityId()));
	}

	// deleted in Cockpit or withdrawn over the API: no end event is reached
	private void cancelled(DelegateExecution execution) {
		if (execution.isCanceled()) {
			lifecycle.getObject()
				.ended(ChangeFacts.changeId(execution), execution.getProcessInstanceId(), "Cancelled", false);
		}
	}

	private final class Parser extends AbstractBpmnParseListener {

		private final ExecutionListener entered = PhaseTracking.this::entered;

		private final ExecutionListener ended = PhaseTracking.this::ended;

		private final ExecutionListener cancelled = PhaseTracking.this::cancelled;

		@Override
		public void parseProcess(Element element, ProcessDefinitionEntity process) {
			if (ChangeStartedListener.CATEGORIES.containsKey(process.getKey())) {
				process.addListener(ExecutionListener.EVENTNAME_END, cancelled);
			}
		}

		@Override
		public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(activity);
		}

		@Override
		public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(activity);
		}

		@Override
		public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(activity);
		}

		@Override
		public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(activity);
		}

		@Override
		public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			track(activity);
		}

		@Override
		public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
			String process = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
			if (ChangeStartedListener.CATEGORIES.containsKey(process)) {
				activity.addListener(ExecutionListener.EVENTNAME_START, ended);
			}
		}

		private void track(ActivityImpl activity) {
			if (ChangePhases.of(activity.getId()).isPresent()) {
				activity.addListener(ExecutionListener.EVENTNAME_START, entered);
			}
		}

	}

}
