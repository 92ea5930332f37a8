package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.changeflow.notification.Notification;
import io.changeflow.notification.Notifications;
import io.changeflow.policy.PolicyDecisionLog;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives the change processes in tests: people act through the same authorization checks as in Tasklist. A plain object
 * rather than a bean, so that the tests using it share the application context of the other engine tests.
 */
public final class Changes {

	/** The engine clock of every test: the usual requested date (Dec 1) and the holiday freeze still lie ahead. */
	public static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final IdentityService identity;

	private final ManagementService management;

	private final HistoryService history;

	private final Notifications notifications;

	private final JdbcClient jdbc;

	public Changes(ProcessEngine engine, Notifications notifications, JdbcClient jdbc) {
		this.runtime = engine.getRuntimeService();
		this.tasks = engine.getTaskService();
		this.identity = engine.getIdentityService();
		this.management = engine.getManagementService();
		this.history = engine.getHistoryService();
		this.notifications = notifications;
		this.jdbc = jdbc;
	}

	public static Map<String, Object> completeRequest() {
		var variables = new HashMap<String, Object>();
		variables.put("title", "Rotate TLS certificates");
		variables.put("summary", "Replace the expiring gateway certificates");
		variables.put("changeType", "documentation");
		variables.put("riskLevel", "Low");
		variables.put("service", "changeflow");
		variables.put("environment", "production");
		variables.put("justification", "Certificates expire on Dec 15");
		variables.put("impactSystems", "API gateway");
		variables.put("impactUsers", "None expected");
		variables.put("implementationPlan", "1. Upload 2. Reload");
		variables.put("rollbackPlan", "1. Restore previous bundle");
		variables.put("testingEvidence", "Staging run #42");
		variables.put("testUnit", true);
		variables.put("testIntegration", true);
		variables.put("testStaging", true);
		variables.put("requestedDate", "2026-12-01");
		return variables;
	}

	public ProcessInstance request(String requester, Map<String, Object> overrides, String... groups) {
		return start("change-normal", completeRequest(), overrides, requester,
				groups.length == 0 ? List.of("requesters") : List.of(groups));
	}

	/**
	 * Changes of a load test take turns over 8 lanes, so they book slots side by side: a lane (service and environment)
	 * holds one change's slot at a time.
	 * @return the service and environment change {@code number} deploys to
	 */
	public static Map<String, Object> lane(int number) {
		List<String> services = List.of("heliosdb-lite", "quantumharmony-node", "quantumharmony-runtime", "changeflow");
		List<String> environments = List.of("production", "testnet");
		return Map.of("service", services.get(number % services.size()), "environment",
				environments.get(number / services.size() % environments.size()));
	}

	/** A complete pre-approved standard change: a patch update of a dependency whose CI passed. */
	public static Map<String, Object> standardRequest() {
		var variables = new HashMap<String, Object>();
		variables.put("title", "Bump serde to 1.0.215");
		variables.put("summary", "Patch release with a parser fix");
		variables.put("standardType", "dependency-patch");
		variables.put("service", "changeflow");
		variables.put("environment", "production");
		variables.put("dependency", "serde");
		variables.put("fromVersion", "1.0.214");
		variables.put("toVersion", "1.0.215");
		variables.put("ciPassed", true);
		variables.put("implementationPlan", "Merge the Renovate PR, release");
		variables.put("rollbackPlan", "Revert the PR, release");
		return variables;
	}

	public ProcessInstance requestStandard(String requester, Map<String, Object> overrides) {
		return start("change-standard", standardRequest(), overrides, requester, List.of("requesters"));
	}

	// as the requester, through the engine's start authorization
	private ProcessInstance start(String process, Map<String, Object> request, Map<String, Object> overrides,
			String requester, List<String> groups) {
		var variables = new HashMap<>(request);
		variables.putAll(overrides);
		identity.setAuthentication(requester, groups);
		try {
			return runtime.startProcessInstanceByKey(process, variables);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	public ProcessInstance approvedByReviewers(ProcessInstance change) {
		var reviewers = List.of("carol", "dave", "erin").iterator();
		while (!openTasks(change).isEmpty() && openTasks(change).get(0).getTaskDefinitionKey().equals("ReviewChange")) {
			decide(change, "reviewers", reviewers.next(), "approve");
		}
		assertThat(change).isWaitingAt("ApproveChangeInCab");
		return change;
	}

	public ProcessInstance scheduled(Map<String, Object> overrides) {
		ProcessInstance change = approvedByReviewers(request("alice", overrides));
		decide(change, "cab-engineering-lead", "ivan", "approve");
		decide(change, "cab-security", "judy", "approve");
		decide(change, "cab-operations", "ken", "approve");
		continueAsync(change);
		assertThat(step(change)).isWaitingAt("WaitForSlot");
		return change;
	}

	/** Scheduled for its requested date, Dec 1 (any time), and the slot has come: implementation has begun. */
	public ProcessInstance clearedToImplement(Map<String, Object> overrides) {
		ProcessInstance change = scheduled(overrides);
		runTimersDueBy(change, Instant.parse("2026-12-01T00:00:05Z"));
		return change;
	}

	public String scheduledStart(Map<String, Object> overrides) {
		ProcessInstance change = scheduled(overrides);
		return ((Date) variable(change, "scheduledStart")).toInstant().toString();
	}

	public void decide(ProcessInstance change, String slot, String user, String decision) {
		decide(change, slot, user, decision, null);
	}

	public void decide(ProcessInstance change, String slot, String user, String decision, String comment,
			String... groups) {
		var variables = new HashMap<String, Object>();
		variables.put("decision", decision);
		if (comment != null) {
			variables.put("decisionComment", comment);
		}
		complete(change, slot, user, variables, groups.length == 0 ? new String[] { slot } : groups);
	}

	public void complete(ProcessInstance change, String candidateGroup, String user, Map<String, Object> variables,
			String... groups) {
		Task task = slotTask(change, candidateGroup);
		identity.setAuthentication(user, groups.length == 0 ? List.of(candidateGroup) : List.of(groups));
		try {
			tasks.complete(task.getId(), variables);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	public Task slotTask(ProcessInstance change, String candidateGroup) {
		List<Task> open = tasks.createTaskQuery()
			.processInstanceIdIn(instanceIds(change))
			.taskCandidateGroup(candidateGroup)
			.includeAssignedTasks()
			.list();
		assertThat(open).as("open tasks for %s", candidateGroup).isNotEmpty();
		return open.get(0);
	}

	/** The change's one open task of this step (in the change or the shared step it runs), e.g. "ImplementChange". */
	public Task task(ProcessInstance change, String taskDefinitionKey) {
		Task task = tasks.createTaskQuery()
			.processInstanceIdIn(instanceIds(change))
			.taskDefinitionKey(taskDefinitionKey)
			.singleResult();
		assertThat(task).as("open task %s of change %s", taskDefinitionKey, change.getBusinessKey()).isNotNull();
		return task;
	}

	public List<Task> openTasks(ProcessInstance change) {
		return tasks.createTaskQuery().processInstanceIdIn(instanceIds(change)).list();
	}

	/** The shared step (scheduling, implementation, closure) the change is in now: its waits and tasks are there. */
	public ProcessInstance step(ProcessInstance change) {
		ProcessInstance called = runtime.createProcessInstanceQuery().superProcessInstanceId(change.getId())
			.singleResult();
		assertThat(called).as("shared step of change %s", change.getId()).isNotNull();
		return called;
	}

	/** The change and the shared steps it runs. */
	private String[] instanceIds(ProcessInstance change) {
		var ids = runtime.createProcessInstanceQuery().rootProcessInstanceId(change.getId()).list().stream()
			.map(ProcessInstance::getId);
		return Stream.concat(Stream.of(change.getId()), ids).distinct()
			.toArray(String[]::new);
	}

	/** Runs the change's pending asynchronous continuations (the job executor is off in tests). */
	public void continueAsync(ProcessInstance change) {
		management.createJobQuery().rootProcessInstanceId(change.getId()).messages().list()
			.forEach(pending -> management.executeJob(pending.getId()));
	}

	/** A variable as the change sees it now: inside a shared step the step's copy is the current one. */
	public Object variable(ProcessInstance change, String name) {
		var called = runtime.createProcessInstanceQuery().superProcessInstanceId(change.getId()).singleResult();
		if (called != null && runtime.getVariable(called.getId(), name) != null) {
			return runtime.getVariable(called.getId(), name);
		}
		return runtime.getVariable(change.getId(), name);
	}

	/**
	 * Moves the engine clock and fires the change's timers that are due by then, one at a time as the job executor
	 * would (a firing timer may cancel others).
	 */
	public void runTimersDueBy(ProcessInstance change, Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
		Job due;
		while ((due = management.createJobQuery().rootProcessInstanceId(change.getId()).timers()
			.duedateLowerThan(Date.from(instant.plusMillis(1))).orderByJobDuedate().asc().listPage(0, 1).stream()
			.findFirst().orElse(null)) != null) {
			management.executeJob(due.getId());
		}
	}

	public List<String> notificationsTo(ProcessInstance change, String group) {
		return subjects(notifications.forUser("nobody", List.of(group), change.getBusinessKey(), 500));
	}

	public List<String> notificationsToUser(ProcessInstance change, String user) {
		return subjects(notifications.forUser(user, List.of(), change.getBusinessKey(), 500));
	}

	private static List<String> subjects(List<Notification> sent) {
		return sent.stream().map(Notification::subject).toList();
	}

	public Object historicVariable(ProcessInstance change, String name) {
		return history.createHistoricVariableInstanceQuery().processInstanceId(change.getId()).variableName(name)
			.singleResult().getValue();
	}

	public String decisionLog(ProcessInstance change) {
		return (String) variable(change, PolicyDecisionLog.VARIABLE);
	}

	/** Before each test: a clean calendar and the engine clock at {@link #NOW}. */
	public void begin(ProcessEngine engine) {
		forgetBookingsAndFreezes();
		AbstractAssertions.init(engine);
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	/** After each test: nothing left for the next test class sharing the engine. */
	public void end() {
		forgetBookingsAndFreezes();
		identity.clearAuthentication();
		ClockUtil.reset();
	}

	// changes of other tests still wait for their slots, and freezes stay declared: both would move this test's changes
	private void forgetBookingsAndFreezes() {
		jdbc.sql("delete from cf_booking").update();
		jdbc.sql("delete from cf_freeze").update();
		// failed standard changes of other tests would demote the types this test uses
		jdbc.sql("delete from cf_standard_execution").update();
		jdbc.sql("delete from cf_standard_demotion").update();
	}

}
