package io.changeflow.change;

import static io.changeflow.change.Changes.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.changeflow.AppTest;
import io.changeflow.audit.AuditedFlows;
import io.changeflow.notification.Notifications;
import io.changeflow.policy.DeclareFreeze;
import io.changeflow.policy.FreezeRegistry;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * change-standard (002 §4.1, 000): eligibility decided by the engine, conversion into a normal change, the peer
 * review 000 asks for, staging before the target, any time but never in a freeze, and demotion from evidence.
 */
@ExtendWith(AuditedFlows.class)
@AppTest
class StandardChangeProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	Notifications notifications;

	@Autowired
	FreezeRegistry freezes;

	@Autowired
	StandardTypes types;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void aPatchUpdateRunsWithoutReviewThroughStagingToItsTargetAndCloses() {
		ProcessInstance change = changes.requestStandard("alice", Map.of());

		assertThat(change).hasPassed("CheckEligibility").hasNotPassed("ReviewChange").isWaitingAt("VerifyInStaging")
			.variables()
			.containsEntry("eligible", true)
			.containsEntry("changeCategory", "standard")
			.containsEntry("riskLevel", "low");
		assertThat(changes.step(change)).isWaitingAt("ImplementChange").variables()
			.containsEntry("targetEnvironment", "staging");
		implementAndVerify(change, "success");

		// any time of day: the slot starts now, in the any-time window
		assertThat(change).isWaitingAt("ScheduleDeployment");
		changes.continueAsync(change);
		assertThat(changes.step(change)).isWaitingAt("WaitForSlot").variables()
			.containsEntry("deploymentWindow", "ANY_TIME")
			.containsEntry("scheduledStart", Date.from(NOW));
		changes.runTimersDueBy(change, NOW);

		assertThat(change).isWaitingAt("DeployToTarget");
		assertThat(changes.step(change)).isWaitingAt("ImplementChange").variables()
			.containsEntry("targetEnvironment", "production");
		implementAndVerify(change, "success");
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));

		assertThat(change).isEnded().hasPassed("RecordExecutionOutcome", "ChangeClosed");
		assertThat(types.get("dependency-patch").demoted()).isFalse();
		assertThat(jdbc.sql("select failed from cf_standard_execution where change_id = ?").param(change.getBusinessKey())
			.query(Boolean.class).single()).isFalse();
	}

	@Test
	void documentationIsReviewedByOnePeerWhoIsNotTheRequester() {
		ProcessInstance change = changes.requestStandard("alice", Map.of("standardType", "documentation",
				"affectedPaths", "docs/runbook.md"));

		assertThat(change).isWaitingAt("ReviewChange").variables().containsEntry("reviewSlots", "reviewers");
		assertThat(changes.openTasks(change)).hasSize(1);
		assertThatThrownBy(() -> changes.decide(change, "reviewers", "alice", "approve"))
			.hasMessageContaining("alice requested this change and cannot decide on it");
		changes.decide(change, "reviewers", "carol", "approve");

		assertThat(change).isWaitingAt("VerifyInStaging");
	}

	@Test
	void aRejectedPeerReviewEndsTheStandardChange() {
		ProcessInstance change = changes.requestStandard("alice", Map.of("standardType", "bug-fix"));
		changes.decide(change, "reviewers", "carol", "reject", "Not a minor fix: touches the wire format");

		assertThat(change).isEnded().hasPassed("ChangeRejectedInReview").hasNotPassed("VerifyInStaging");
	}

	@Test
	void aChangeTargetingStagingIsDeployedOnceWithoutAStagingRehearsal() {
		ProcessInstance change = changes.requestStandard("alice",
				Map.of("standardType", "log-level", "environment", "staging"));

		assertThat(change).hasNotPassed("VerifyInStaging").isWaitingAt("ScheduleDeployment");
	}

	@Test
	void aRequestThatIsNoStandardChangeBecomesANormalChangeWithTheSameId() {
		ProcessInstance standard = changes.requestStandard("alice",
				Map.of("toVersion", "1.1.0", "implementation", "automated"));

		assertThat(standard).isEnded().hasPassed("ConvertedToNormalChange");
		String normalId = (String) changes.historicVariable(standard, "convertedTo");
		ProcessInstance normal = runtime.createProcessInstanceQuery().processInstanceId(normalId).singleResult();
		assertThat(normal.getProcessDefinitionId()).startsWith("change-normal:");
		assertThat(normal.getBusinessKey()).isEqualTo(standard.getBusinessKey());
		assertThat(normal).isWaitingAt("ReviseChange").variables()
			.containsEntry("changeId", standard.getBusinessKey())
			.containsEntry("changeCategory", "normal")
			.containsEntry("convertedFrom", standard.getId())
			.containsEntry("title", "Bump serde to 1.0.215")
			.containsEntry("implementation", "automated");
		assertThat((String) runtime.getVariable(normalId, "reviewFeedback"))
			.contains("Not eligible as a standard change: Not a patch update");
		Task revise = tasks.createTaskQuery().processInstanceId(normalId).singleResult();
		assertThat(revise).isAssignedTo("alice");
		assertThat((String) runtime.getVariable(normalId, "policyDecisions")).contains("Check eligibility",
				"Convert to normal change");
	}

	@Test
	void eachConditionOfThePreApprovedListIsCheckedByTheEngine() {
		assertConverted(Map.of("ciPassed", false), "Dependency update without a passing CI run");
		assertConverted(Map.of("securityAdvisory", true), "Dependency update with a security advisory");
		assertConverted(Map.of("standardType", "log-level"), "Log-level change in production");
		assertConverted(Map.of("standardType", "monitoring-threshold", "metric", "cpu-utilisation-percent",
				"thresholdValue", 99), "Monitoring threshold outside its defined range");
		assertConverted(Map.of("standardType", "monitoring-threshold", "metric", "made-up-metric",
				"thresholdValue", 60), "Monitoring threshold outside its defined range");
		assertConverted(Map.of("standardType", "documentation", "affectedPaths", "docs/runbook.md\nsrc/auth/README.md"),
				"Documentation touching security-sensitive paths");

		ProcessInstance inRange = changes.requestStandard("alice", Map.of("standardType", "monitoring-threshold",
				"metric", "cpu-utilisation-percent", "thresholdValue", 90));
		assertThat(inRange).isWaitingAt("VerifyInStaging");
	}

	@Test
	void onlyRequestersStartStandardChanges() {
		identity.setAuthentication("olivia", List.of("incident-commanders"));
		try {
			assertThatThrownBy(() -> runtime.startProcessInstanceByKey("change-standard", Changes.standardRequest()))
				.isInstanceOf(AuthorizationException.class);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	@Test
	void anIncompleteRequestIsRefusedNamingEveryProblem() {
		long before = runtime.createProcessInstanceQuery().count();

		assertThatThrownBy(() -> changes.requestStandard("alice", Map.of("title", " ", "service", "mainframe",
				"toVersion", "latest", "implementation", "pipeline")))
			.hasMessageContaining("missing Title (title)")
			.hasMessageContaining("mainframe")
			.hasMessageContaining("toVersion 'latest' is not a version like 1.2.3")
			.hasMessageContaining("implementation 'pipeline' is not one of manual, automated");
		assertThatThrownBy(() -> changes.requestStandard("alice", Map.of("standardType", "hotfix")))
			.hasMessageContaining("standardType 'hotfix' is not one of dependency-patch");
		assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void aStandardChangeWaitsOutAFreezeInsteadOfDeployingInsideIt() {
		freezes.declare(new DeclareFreeze("Exchange listing", "Launch week", NOW.minus(Duration.ofHours(1)),
				Instant.parse("2026-11-23T00:00:00Z"), Set.of("changeflow"), Set.of()), "demo");
		ProcessInstance change = changes.requestStandard("alice", Map.of());
		implementAndVerify(change, "success");
		changes.continueAsync(change);

		assertThat(changes.step(change)).isWaitingAt("WaitForSlot").variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-11-23T00:00:00Z")));
		assertThat((String) changes.variable(change, "slotReasons")).contains("Exchange listing");
	}

	@Test
	void twoFailuresWithinThirtyDaysDemoteTheTypeUntilAChangeManagerReapprovesIt() {
		failInStaging(changes.requestStandard("alice", Map.of()));
		assertThat(types.get("dependency-patch").recentFailures()).hasSize(1);
		ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofDays(29))));
		ProcessInstance second = changes.requestStandard("bob", Map.of());
		failInStaging(second);

		var status = types.get("dependency-patch");
		assertThat(status.demoted()).isTrue();
		assertThat(status.reason()).startsWith("2 failed or rolled-back executions within PT720H");
		assertThat(changes.notificationsTo(second, "change-managers"))
			.contains("Standard change type demoted: dependency-patch");
		// other types keep their standing
		assertThat(types.get("log-level").demoted()).isFalse();

		assertConverted(Map.of(), "Demoted after repeated failures");

		types.reapprove("dependency-patch", "demo", "Renovate now waits for the full CI matrix");
		assertThat(changes.requestStandard("alice", Map.of())).isWaitingAt("VerifyInStaging");
		// failures before the re-approval no longer count
		assertThat(types.get("dependency-patch").recentFailures()).isEmpty();
	}

	@Test
	void failuresFurtherApartThanTheWindowDoNotDemote() {
		failInStaging(changes.requestStandard("alice", Map.of()));
		ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofDays(31))));
		failInStaging(changes.requestStandard("alice", Map.of()));

		assertThat(types.get("dependency-patch").demoted()).isFalse();
		assertThat(types.get("dependency-patch").recentFailures()).hasSize(1);
	}

	private void assertConverted(Map<String, Object> overrides, String rule) {
		ProcessInstance change = changes.requestStandard("alice", overrides);
		assertThat(change).as("converted: %s", overrides).isEnded().hasPassed("ConvertedToNormalChange");
		assertThat((String) changes.historicVariable(change, "eligibilityRule")).as("rule for %s", overrides)
			.startsWith(rule);
	}

	private void implementAndVerify(ProcessInstance change, String result) {
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Rolled out"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", result, "verificationNotes", "Checked dashboards"));
	}

	// a failed staging rehearsal is rolled back, closed, and counts as a failed execution of the type
	private void failInStaging(ProcessInstance change) {
		implementAndVerify(change, "failed");
		changes.complete(change, "implementers", "leo",
				Map.of("rollbackNotes", "Reverted", "postMortem", "Transitive dependency broke the build"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "Pin transitive versions"));
		assertThat(change).isEnded().hasPassed("ChangeRolledBack").hasNotPassed("ScheduleDeployment");
	}

}
