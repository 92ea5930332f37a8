package io.changeflow.change;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.changeflow.system.Privileged;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes a change's pipeline steps (the external tasks of "Implement and verify change") for a pipeline that runs
 * no worker, exactly as a worker would: locked first, so a worker holding the step is never overtaken, then
 * completed under the caller's own engine authorizations, so the engine checks the result as it checks a worker's.
 */
@Service
class PipelineSteps {

	static final String IMPLEMENT = "change-implement";

	static final String VERIFY = "change-verify";

	// the lock only has to outlast this call; the transaction ends with it
	private static final long LOCK_MILLIS = 60_000;

	private final ExternalTaskService externalTasks;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final Privileged privileged;

	private final ChangeInstances changes;

	private final Clock clock;

	PipelineSteps(ExternalTaskService externalTasks, RuntimeService runtime, HistoryService history,
			Privileged privileged, ChangeInstances changes, Clock clock) {
		this.externalTasks = externalTasks;
		this.runtime = runtime;
		this.history = history;
		this.privileged = privileged;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * What one report did.
	 *
	 * @param completed the topics of the steps completed, in order
	 * @param outcome the change's outcome as the step sets it, e.g. "Implemented and verified"
	 * @param waitingAt what the change waits at now, e.g. "Close change" or "Roll back change"
	 */
	record Report(String changeId, List<String> completed, String outcome, List<String> waitingAt) {
	}

	/**
	 * Completes the open implementation step and, after a successful deployment, the verification step it opens;
	 * all or nothing.
	 * @param instances the change's process instances ({@link ChangeInstances})
	 * @throws NoOpenPipelineStepException when no pipeline step is open or a worker holds it
	 * @throws InvalidImplementationResultException when the engine refuses the result
	 */
	@Transactional
	Report report(String changeId, List<String> instances, ImplementationResult result, String caller) {
		String worker = "implementation-result-api/" + caller;
		var completed = new ArrayList<String>();
		ExternalTask step = openStep(changeId, instances, worker);
		if (IMPLEMENT.equals(step.getTopicName())) {
			complete(step, worker, result.implementationVariables());
			completed.add(IMPLEMENT);
			if (!result.deployed()) {
				return reportOn(changeId, completed, step);
			}
			step = openStep(changeId, instances, worker);
		}
		else if (!result.deployed()) {
			throw new NoOpenPipelineStepException("Change " + changeId
					+ " is deployed already and waits for its verification: report implementation success with it");
		}
		complete(step, worker, result.verificationVariables());
		completed.add(VERIFY);
		return reportOn(changeId, completed, step);
	}

	private Report reportOn(String changeId, List<String> completed, ExternalTask lastStep) {
		// the caller reports on the pipeline steps; reading where the whole change stands needs no grant of theirs
		return privileged.run(() -> new Report(changeId, completed, outcome(lastStep.getProcessInstanceId()),
				waitingAt(changeId)));
	}

	private ExternalTask openStep(String changeId, List<String> instances, String worker) {
		List<ExternalTask> open = externalTasks.createExternalTaskQuery()
			.processInstanceIdIn(instances.toArray(String[]::new))
			.list()
			.stream()
			.filter(task -> IMPLEMENT.equals(task.getTopicName()) || VERIFY.equals(task.getTopicName()))
			.toList();
		if (open.isEmpty()) {
			throw new NoOpenPipelineStepException("Change " + changeId + " has no pipeline step open: it is"
					+ " implemented by people, not yet cleared to implement, or its result is reported already");
		}
		ExternalTask step = open.get(0);
		if (step.getLockExpirationTime() != null && step.getLockExpirationTime().toInstant().isAfter(clock.instant())
				&& !worker.equals(step.getWorkerId())) {
			throw new NoOpenPipelineStepException("Worker " + step.getWorkerId() + " holds " + step.getTopicName()
					+ " of change " + changeId + " until " + step.getLockExpirationTime().toInstant()
					+ "; it reports the result");
		}
		return step;
	}

	private void complete(ExternalTask step, String worker, Map<String, Object> variables) {
		try {
			externalTasks.lock(step.getId(), worker, LOCK_MILLIS);
		}
		catch (BadUserRequestException | OptimisticLockingException ex) {
			// a worker fetched it since the look above
			throw new NoOpenPipelineStepException("A worker took " + step.getTopicName() + " meanwhile: "
					+ ex.getMessage());
		}
		try {
			externalTasks.complete(step.getId(), worker, variables);
		}
		catch (OptimisticLockingException ex) {
			// another call completed or changed the change at the same time
			throw new NoOpenPipelineStepException(step.getTopicName() + " moved on meanwhile: " + ex.getMessage());
		}
		catch (BadUserRequestException ex) {
			throw new InvalidImplementationResultException(List.of(ex.getMessage()));
		}
	}

	private String outcome(String processInstanceId) {
		return history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName("outcome")
			.list()
			.stream()
			.map(HistoricVariableInstance::getValue)
			.map(String::valueOf)
			.findFirst()
			.orElse(null);
	}

	// the leaves of each running instance; a call activity shows through the instance it called
	private List<String> waitingAt(String changeId) {
		var names = new ArrayList<String>();
		for (String id : changes.of(changeId)) {
			ActivityInstance tree = runtime.getActivityInstance(id);
			if (tree != null) {
				for (ActivityInstance activity : tree.getChildActivityInstances()) {
					leaves(activity, names);
				}
			}
		}
		return names.stream().distinct().toList();
	}

	private static void leaves(ActivityInstance instance, List<String> names) {
		if (instance.getChildActivityInstances().length == 0 && !"callActivity".equals(instance.getActivityType())) {
			names.add(instance.getActivityName());
		}
		for (ActivityInstance child : instance.getChildActivityInstances()) {
			leaves(child, names);
		}
	}

}
