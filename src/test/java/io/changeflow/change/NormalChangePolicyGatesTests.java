package io.changeflow.change;

import static io.changeflow.change.Changes.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import io.changeflow.AppTest;
import io.changeflow.audit.AuditedFlows;
import io.changeflow.notification.Notifications;
import io.changeflow.policy.DeclareFreeze;
import io.changeflow.policy.FreezeRegistry;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The policy gates a normal change passes on the real engine: testing evidence, deadlines, deployment windows,
 * holiday, declared and post-incident freezes, conflicts and rescheduling. Configured as
 * {@link NormalChangeProcessTests} so that both share one application context.
 */
@ExtendWith(AuditedFlows.class)
@AppTest
class NormalChangePolicyGatesTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FreezeRegistry freezes;

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
	void missingTestingEvidenceSendsTheChangeBackBeforeCab() {
		ProcessInstance change = changes.request("alice",
				Map.of("changeType", "bug-fix", "testIntegration", false, "testStaging", false));
		changes.decide(change, "reviewers", "carol", "approve");

		assertThat(change).isWaitingAt("ReviseChange").hasPassed("CheckTestingEvidence").hasNotPassed("ApproveChangeInCab");
		assertThat(change).variables()
			.containsEntry("missingEvidence", "integration tests, staging deployment")
			.containsEntry("reviewFeedback", "Testing evidence missing before CAB: integration tests, staging deployment. "
					+ "Bug fix: unit, integration and staging (002 §7.1)");
		assertThat(changes.decisionLog(change)).contains("Check testing evidence");

		changes.complete(change, "change-managers", "alice", Map.of("testIntegration", true, "testStaging", true),
				"requesters");
		changes.decide(change, "reviewers", "carol", "approve");
		assertThat(change).isWaitingAt("ApproveChangeInCab").variables().containsEntry("missingEvidence", "");
	}

	@Test
	void documentationNeedsNoTestsAndACanaryIsOnlyAdvisedForPalletCode() {
		ProcessInstance docs = changes.request("alice",
				Map.of("testUnit", false, "testIntegration", false, "testStaging", false));
		changes.decide(docs, "reviewers", "carol", "approve");
		assertThat(docs).isWaitingAt("ApproveChangeInCab");

		ProcessInstance pallet = changes.request("alice", Map.of("changeType", "pallet-code"));
		changes.decide(pallet, "reviewers", "carol", "approve");
		changes.decide(pallet, "reviewers", "dave", "approve");
		changes.decide(pallet, "security-team", "frank", "approve");
		assertThat(pallet).isWaitingAt("ApproveChangeInCab")
			.variables()
			.containsEntry("testingEvidenceAdvice", "A mainnet canary is recommended for this change type");
	}

	@Test
	void overdueApprovalsRemindThenEscalateThenExpire() {
		ProcessInstance change = changes.request("alice", Map.of());
		Instant due = NOW.plus(Duration.ofDays(1));

		changes.runTimersDueBy(change, due);
		assertThat(changes.notificationsTo(change, "reviewers")).anySatisfy(subject -> assertThat(subject)
			.isEqualTo("Reminder: Review change (peer review) is due"));
		assertThat(changes.notificationsTo(change, "change-managers")).isEmpty();

		changes.runTimersDueBy(change, due.plus(Duration.ofDays(1)));
		assertThat(changes.notificationsTo(change, "change-managers"))
			.containsExactly("Escalation: Review change (peer review) is overdue");
		assertThat(changes.slotTask(change, "reviewers").getPriority()).isEqualTo(100);
		assertThat(change).isWaitingAt("ReviewChange");

		changes.runTimersDueBy(change, due.plus(Duration.ofDays(30)));
		assertThat(change).isEnded().hasPassed("NotReviewedInTime", "ChangeExpiredInApproval");
		assertThat(changes.historicVariable(change, "outcome")).isEqualTo("Expired: Not reviewed in time");
		assertThat(changes.notificationsToUser(change, "alice")).contains("Change expired: 'Rotate TLS certificates'");
	}

	@Test
	void anAbandonedRevisionExpires() {
		ProcessInstance change = changes.request("alice", Map.of());
		changes.decide(change, "reviewers", "carol", "request-changes", "Explain why");
		assertThat(change).isWaitingAt("ReviseChange");

		changes.runTimersDueBy(change, NOW.plus(Duration.ofDays(5)));
		assertThat(changes.notificationsToUser(change, "alice")).contains("Reminder: Revise change is due");
		changes.runTimersDueBy(change, NOW.plus(Duration.ofDays(35)));
		assertThat(change).isEnded().hasPassed("ChangeExpiredInRevision");
		assertThat(changes.historicVariable(change, "outcome")).isEqualTo("Expired: Not revised in time");
	}

	@Test
	void highRiskWaitsForTheLowTrafficWindowAndMonitoringHeavyForBusinessHours() {
		// one service each: changes to the same service and environment may not overlap
		assertThat(changes.scheduledStart(Map.of("riskLevel", "high", "service", "changeflow")))
			.isEqualTo("2026-12-01T02:00:00Z");
		assertThat(changes.scheduledStart(Map.of("monitoringHeavy", true, "service", "heliosdb-lite")))
			.isEqualTo("2026-12-01T14:00:00Z");
		assertThat(changes.scheduledStart(Map.of("maintenanceWindowRequired", true, "service", "quantumharmony-node")))
			.isEqualTo("2026-12-01T02:00:00Z");
	}

	@Test
	void theHolidayFreezeMovesAChangeAcrossTheYearBoundary() {
		assertThat(changes.scheduledStart(Map.of("requestedDate", "2026-12-22"))).isEqualTo("2027-01-06T00:00:00Z");
		assertThat(changes.scheduledStart(Map.of("requestedDate", "2026-12-19", "riskLevel", "high", "service",
				"heliosdb-lite"))).isEqualTo("2026-12-19T02:00:00Z");
		// requested Dec 22, a high-risk change waits for the first low-traffic window after the freeze
		assertThat(changes.scheduledStart(Map.of("requestedDate", "2026-12-22", "riskLevel", "high", "service",
				"quantumharmony-node"))).isEqualTo("2027-01-06T02:00:00Z");
	}

	@Test
	void aChangeWhoseSlotArrivesInsideAFreezeIsRescheduled() {
		ProcessInstance change = changes.scheduled(Map.of("requestedDate", "2026-12-01"));
		// the engine was down: the timer fires only on Dec 21, inside the holiday freeze
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-21T10:00:00Z")));
		execute(job());

		assertThat(changes.step(change)).hasPassed("CheckFreezeWindow").isWaitingAt("ScheduleChange");
		assertThat(changes.step(change)).variables().containsKey("freezeHit");
		execute(job());
		assertThat(changes.step(change)).isWaitingAt("WaitForSlot")
			.variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2027-01-06T00:00:00Z")));
	}

	@Test
	void aSecondChangeToTheSameServiceIsMovedPastTheFirst() {
		ProcessInstance first = changes.scheduled(Map.of());
		ProcessInstance second = changes.scheduled(Map.of("title", "Publish runbook"));

		assertThat(changes.step(first)).variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-01T00:00:00Z")));
		assertThat(changes.step(second)).variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-01T04:00:00Z")));
		assertThat((String) changes.variable(second, "slotReasons"))
			.contains("Conflicts with " + first.getBusinessKey() + " 'Rotate TLS certificates' on changeflow/production");
		// another environment is another slot
		assertThat(changes.scheduledStart(Map.of("environment", "staging"))).isEqualTo("2026-12-01T00:00:00Z");
	}

	@Test
	void aFreezeDeclaredWhileAChangeWaitsForItsSlotMovesItAtOnce() {
		ProcessInstance change = changes.scheduled(Map.of());
		freezes.declare(new DeclareFreeze("Datacenter move", "Network cut-over", Instant.parse("2026-11-30T00:00:00Z"),
				Instant.parse("2026-12-03T00:00:00Z"), Set.of("changeflow"), Set.of()), "demo");

		assertThat(changes.step(change)).isWaitingAt("ScheduleChange").hasPassed("FreezeDeclaredOverSlot");
		execute(job());
		assertThat(changes.step(change)).isWaitingAt("WaitForSlot")
			.variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-03T00:00:00Z")));
		assertThat((String) changes.variable(change, "slotReasons")).contains("Datacenter move");
		assertThat(changes.notificationsToUser(change, "alice")).contains(
				"Change rescheduled: 'Rotate TLS certificates' 2026-12-03T00:00:00Z – 2026-12-03T04:00:00Z");

		// a freeze elsewhere leaves it alone
		freezes.declare(new DeclareFreeze("Node upgrade", "Validator rotation", Instant.parse("2026-12-03T00:00:00Z"),
				Instant.parse("2026-12-04T00:00:00Z"), Set.of("quantumharmony-node"), Set.of()), "demo");
		assertThat(changes.step(change)).isWaitingAt("WaitForSlot");
	}

	@Test
	void aPostIncidentFreezeLetsOnlyRelatedFixesThrough() {
		freezes.declarePostIncident("INC-42", NOW, "Database failover", "olivia");

		String fix = changes.scheduledStart(Map.of("requestedDate", "2026-11-22", "relatedIncident", "INC-42"));
		String unrelated = changes.scheduledStart(Map.of("requestedDate", "2026-11-22", "service", "heliosdb-lite"));

		assertThat(fix).isEqualTo("2026-11-22T00:00:00Z");
		assertThat(unrelated).isEqualTo("2026-11-23T09:00:00Z");
	}

}
