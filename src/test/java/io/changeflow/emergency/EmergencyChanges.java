package io.changeflow.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.changeflow.notification.Notification;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives change-emergency in tests: people act with their real groups through the same authorization checks as in
 * Tasklist. A plain object, so the tests using it share the application context of the other engine tests.
 */
public final class EmergencyChanges {

	static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final IdentityService identity;

	private final ManagementService management;

	private final Notifications notifications;

	private final JdbcClient jdbc;

	public EmergencyChanges(ProcessEngine engine, Notifications notifications, JdbcClient jdbc) {
		this.runtime = engine.getRuntimeService();
		this.tasks = engine.getTaskService();
		this.identity = engine.getIdentityService();
		this.management = engine.getManagementService();
		this.notifications = notifications;
		this.jdbc = jdbc;
	}

	public static Map<String, Object> declaration() {
		var variables = new HashMap<String, Object>();
		variables.put("title", "Patch the consensus fork");
		variables.put("incident", "INC-77");
		variables.put("reason", "Validators diverge on block 1200: consensus failure");
		variables.put("emergencyKind", "incident-response");
		variables.put("service", "quantumharmony-node");
		variables.put("environment", "production");
		variables.put("summary", "Roll out node 4.2.1 with the fork-choice fix");
		return variables;
	}

	/** {@code user} declares, acting with their real groups. */
	public ProcessInstance declare(String user, Map<String, Object> overrides) {
		return declareAs(user, groupsOf(user), overrides);
	}

	/** {@code user} declares presenting {@code groups}, whether or not the identity store agrees. */
	ProcessInstance declareAs(String user, List<String> groups, Map<String, Object> overrides) {
		var variables = declaration();
		variables.putAll(overrides);
		identity.setAuthentication(user, groups);
		try {
			return runtime.startProcessInstanceByKey("change-emergency", variables);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	List<String> groupsOf(String user) {
		return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
	}

	/** The open task {@code key} of the change, also inside its called processes. */
	Task task(ProcessInstance change, String key) {
		List<Task> open = tasks.createTaskQuery()
			.processVariableValueEquals("changeId", change.getBusinessKey())
			.taskDefinitionKey(key)
			.list();
		assertThat(open).as("open %s tasks", key).isNotEmpty();
		return open.get(0);
	}

	List<Task> tasks(ProcessInstance change, String key) {
		return tasks.createTaskQuery().processVariableValueEquals("changeId", change.getBusinessKey()).taskDefinitionKey(key)
			.list();
	}

	public void complete(ProcessInstance change, String key, String user, Map<String, Object> variables) {
		complete(task(change, key), user, groupsOf(user), variables);
	}

	void complete(Task task, String user, List<String> groups, Map<String, Object> variables) {
		identity.setAuthentication(user, groups);
		try {
			tasks.complete(task.getId(), variables);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	public void document(ProcessInstance change, String user, String entry, boolean finished) {
		var variables = new HashMap<String, Object>();
		variables.put("actionEntry", entry);
		variables.put("workFinished", finished);
		complete(change, "DocumentActions", user, variables);
	}

	void implement(ProcessInstance change, String result) {
		complete(change, "ImplementChange", "heidi", Map.of("implementationNotes", "Rolled out node 4.2.1"));
		complete(change, "VerifyChange", "leo",
				Map.of("verificationResult", result, "verificationNotes", "Blocks finalise again"));
	}

	/** Implemented and verified, the work documented: waiting for the emergency CAB. */
	public void workDone(ProcessInstance change) {
		implement(change, "success");
		document(change, "heidi", "Rolled out 4.2.1 to all validators", true);
	}

	/** {@code slot}'s task decided by {@code user}, who presents {@code groups} (default: their real ones). */
	public void decide(ProcessInstance change, String slot, String user, String decision, Object verbalApprovalAt,
			String... groups) {
		Task task = tasks.createTaskQuery()
			.processInstanceId(change.getId())
			.taskDefinitionKey("RecordEmergencyApproval")
			.taskCandidateGroup(slot)
			.list()
			.get(0);
		var variables = new HashMap<String, Object>();
		variables.put("decision", decision);
		variables.put("decisionComment", "reject".equals(decision) ? "Not without a second pair of eyes" : "verbal ok");
		variables.put("verbalApprovalAt", verbalApprovalAt);
		complete(task, user, groups.length == 0 ? groupsOf(user) : List.of(groups), variables);
	}

	public void approve(ProcessInstance change, String slot, String user, String... groups) {
		decide(change, slot, user, "approve", Date.from(ClockUtil.getCurrentTime().toInstant().minusSeconds(600)),
				groups);
	}

	public static Map<String, Object> review(boolean followUp) {
		var variables = new HashMap<String, Object>();
		variables.put("whatHappened", "A fork after block 1200");
		variables.put("rootCause", "Fork choice ignored late votes");
		variables.put("lessonsLearned", "Test fork choice under latency");
		variables.put("followUpRequired", followUp);
		if (followUp) {
			variables.put("followUpTitle", "Harden fork choice");
			variables.put("followUpSummary", "Proper fix with tests for late votes");
		}
		return variables;
	}

	/** Moves the engine clock and fires the change's timers due by then, one at a time as the job executor would. */
	void runTimersDueBy(ProcessInstance change, Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
		Job due;
		while ((due = management.createJobQuery().processInstanceId(change.getId()).timers()
			.duedateLowerThan(Date.from(instant.plusMillis(1))).orderByJobDuedate().asc().listPage(0, 1).stream()
			.findFirst().orElse(null)) != null) {
			management.executeJob(due.getId());
		}
	}

	void executeJobs(ProcessInstance change) {
		management.createJobQuery().processInstanceId(change.getId()).executable().messages().list()
			.forEach(job -> management.executeJob(job.getId()));
	}

	List<String> notificationsTo(ProcessInstance change, String group) {
		return notifications.forUser("nobody", List.of(group), change.getBusinessKey(), 500).stream()
			.map(Notification::subject).toList();
	}

	List<String> notificationsToUser(ProcessInstance change, String user) {
		return notifications.forUser(user, List.of(), change.getBusinessKey(), 500).stream().map(Notification::subject).toList();
	}

	public void begin(ProcessEngine engine) {
		forget();
		AbstractAssertions.init(engine);
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	public void end() {
		forget();
		identity.clearAuthentication();
		ClockUtil.reset();
	}

	private void forget() {
		jdbc.sql("delete from cf_booking").update();
		jdbc.sql("delete from cf_freeze").update();
		jdbc.sql("delete from cf_action_log").update();
	}

}
