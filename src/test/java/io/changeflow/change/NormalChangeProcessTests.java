package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationException;
import io.changeflow.notification.Notification;
import io.changeflow.notification.Notifications;
import io.changeflow.policy.DeclareFreeze;
import io.changeflow.policy.FreezeRegistry;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Every path of change-normal, with the real delegates, DMN, forms and authorizations. */
@SpringBootTest
@ActiveProfiles({ "test", "demo" })
class NormalChangeProcessTests {

	static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FreezeRegistry freezes;

	private ProcessInstance lastChange;

	@BeforeEach
	void setUp() {
		forgetBookingsAndFreezes();
		AbstractAssertions.init(engine);
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	@AfterEach
	void tearDown() {
		forgetBookingsAndFreezes();
		identity.clearAuthentication();
		ClockUtil.reset();
	}

	@Test
	void documentationChangeRunsFromRequestToClosed() {
		ProcessInstance change = request("alice", Map.of());

		assertThat(change).isWaitingAt("ReviewChange").variables().containsEntry("reviewSlots", "reviewers");
		Task review = slotTask(change, "reviewers");
		assertThat(review).hasName("Review change (peer review)").hasCandidateGroup("reviewers").hasFormKey(null);
		// documentation: lead time under one day (000)
		assertThat(review.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(1))));
		decide(change, "reviewers", "carol", "approve");

		assertThat(change).isWaitingAt("ApproveChangeInCab");
		assertThat(openTasks(change)).hasSize(3);
		decide(change, "cab-engineering-lead", "ivan", "approve");
		decide(change, "cab-security", "judy", "approve");
		decide(change, "cab-operations", "ken", "approve");

		assertThat(change).isWaitingAt("ScheduleChange");
		execute(job());
		assertThat(change).isWaitingAt("WaitForSlot")
			.variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-01T00:00:00Z")))
			.containsEntry("deploymentWindow", "ANY_TIME");
		assertThat(job().getDuedate()).isEqualTo(Date.from(Instant.parse("2026-12-01T00:00:00Z")));
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:05Z")));
		execute(job());

		assertThat(change).isWaitingAt("ImplementChange");
		complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed docs v2"));
		complete(change, "implementers", "leo",
				Map.of("verificationResult", "success", "verificationNotes", "Pages render"));
		complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));

		assertThat(change).isEnded()
			.hasPassed("ChangeClosed")
			.variables()
			.containsEntry("outcome", "Implemented and verified");
	}

	@Test
	void rejectionInReviewEndsTheChange() {
		ProcessInstance change = request("alice", Map.of("changeType", "application-code"));
		decide(change, "reviewers", "carol", "reject", "No rollback tested");

		assertThat(change).isEnded().hasPassed("ChangeRejectedInReview").hasNotPassed("ApproveChangeInCab");
	}

	@Test
	void anyCabRejectionEndsTheChangeAndWithdrawsTheOtherSeats() {
		ProcessInstance change = approvedByReviewers(request("alice", Map.of()));
		decide(change, "cab-engineering-lead", "ivan", "approve");
		decide(change, "cab-operations", "ken", "reject", "Clashes with the datacenter move");

		assertThat(change).isEnded().hasPassed("ChangeRejectedByCab");
		assertThat(openTasks(change)).isEmpty();
	}

	@Test
	void requestedChangesGoBackToTheRequesterAndResetAllApprovals() {
		ProcessInstance change = request("alice", Map.of("changeType", "application-code"));
		decide(change, "reviewers", "carol", "approve");
		decide(change, "reviewers", "dave", "request-changes", "Add a rollback step for the cache");

		assertThat(change).isWaitingAt("ReviseChange");
		Task revise = tasks.createTaskQuery().processInstanceId(change.getId()).singleResult();
		assertThat(revise).isAssignedTo("alice");
		assertThat(tasks.getIdentityLinksForTask(revise.getId())).extracting(link -> link.getGroupId())
			.contains("change-managers");
		assertThat(change).variables()
			.containsEntry("reviewFeedback", "dave (peer review): Add a rollback step for the cache");

		complete(change, "change-managers", "alice", Map.of("rollbackPlan", "1. revert 2. flush cache"), "requesters");

		// a fresh round: carol's earlier approval no longer counts, so she may approve again
		assertThat(change).isWaitingAt("ReviewChange").variables().containsEntry("approvals", "[]");
		assertThat(openTasks(change)).hasSize(2);
		decide(change, "reviewers", "carol", "approve");
		decide(change, "reviewers", "dave", "approve");
		assertThat(change).isWaitingAt("ApproveChangeInCab");
	}

	@Test
	void cabCanRequestChangesToo() {
		ProcessInstance change = approvedByReviewers(request("alice", Map.of()));
		decide(change, "cab-security", "judy", "request-changes", "Name the on-call engineer");

		assertThat(change).isWaitingAt("ReviseChange");
		assertThat(openTasks(change)).hasSize(1);
	}

	@Test
	void aResubmissionThatIsStillIncompleteIsRefused() {
		ProcessInstance change = request("alice", Map.of());
		decide(change, "reviewers", "carol", "request-changes", "Explain why");

		assertThatThrownBy(() -> complete(change, "change-managers", "alice", Map.of("justification", " "), "requesters"))
			.hasMessageContaining("missing Justification (justification)");
		assertThat(change).isWaitingAt("ReviseChange");
	}

	@Test
	void theRequesterCanNeverApproveTheirOwnChange() {
		// carol is a reviewer who also requests changes
		ProcessInstance change = request("carol", Map.of(), "requesters", "reviewers");

		assertThatThrownBy(() -> decide(change, "reviewers", "carol", "approve"))
			.hasMessageContaining("carol requested this change and cannot decide on it (separation of duties)");
		assertThat(openTasks(change)).hasSize(1);
		assertThat(change).variables().containsEntry("approvals", "[]");
	}

	@Test
	void onePersonFillsOnlyOneSlotPerRound() {
		ProcessInstance change = request("alice", Map.of("changeType", "feature"));
		decide(change, "reviewers", "carol", "approve");

		assertThatThrownBy(() -> decide(change, "reviewers", "carol", "approve"))
			.hasMessageContaining("carol already decided on this change in this round (peer review)");
		decide(change, "reviewers", "dave", "approve");
		assertThat(change).isWaitingAt("ApproveChangeInCab");
	}

	@Test
	void onlyMembersOfTheSlotGroupMayDecideEvenAdministrators() {
		ProcessInstance change = request("alice", Map.of());

		// demo is a Camunda administrator, so authorizations let it through; the slot rule does not
		assertThatThrownBy(() -> decide(change, "reviewers", "demo", "approve", null, "change-managers"))
			.hasMessageContaining("demo is not a member of reviewers");
		// frank holds no grant on a reviewers' task at all
		assertThatThrownBy(() -> decide(change, "reviewers", "frank", "approve", null, "security-team"))
			.isInstanceOf(AuthorizationException.class);
		assertThat(openTasks(change)).hasSize(1);
	}

	@Test
	void anApprovalWithoutAnAuthenticatedUserIsRefused() {
		ProcessInstance change = request("alice", Map.of());
		Task review = slotTask(change, "reviewers");

		assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("decision", "approve")))
			.hasMessageContaining("An approval must be made by an authenticated user");
	}

	@Test
	void rejectingOrRequestingChangesNeedsAComment() {
		ProcessInstance change = request("alice", Map.of());

		assertThatThrownBy(() -> decide(change, "reviewers", "carol", "reject", " "))
			.hasMessageContaining("A comment is required to reject");
		assertThatThrownBy(() -> decide(change, "reviewers", "carol", "maybe"))
			.hasMessageContaining("Decision 'maybe' is not one of approve, request-changes, reject");
	}

	@Test
	void cryptographicCodeNeedsTwoPeersAndTwoSecurityReviewersAllDistinct() {
		ProcessInstance change = request("alice", Map.of("changeType", "cryptographic", "riskLevel", "Medium"));

		assertThat(change).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers,security-team,security-team");
		assertThat(openTasks(change)).extracting(Task::getName)
			.containsExactlyInAnyOrder("Review change (peer review)", "Review change (peer review)",
					"Review change (security review)", "Review change (security review)");
		decide(change, "reviewers", "erin", "approve", null, "reviewers", "security-team");
		// erin is in security-team too, but has already filled a slot
		assertThatThrownBy(() -> decide(change, "security-team", "erin", "approve", null, "reviewers", "security-team"))
			.hasMessageContaining("erin already decided");
		decide(change, "reviewers", "carol", "approve");
		decide(change, "security-team", "frank", "approve", null, "security-team");
		assertThat(change).isWaitingAt("ReviewChange");
		assertThat(openTasks(change)).hasSize(1);
	}

	@Test
	void significantChangesNeedThreePeersAndAnArchitectureReview() {
		ProcessInstance change = request("alice", Map.of("changeType", "breaking-api"));

		assertThat(change).variables().containsEntry("reviewSlots", "reviewers,reviewers,reviewers,architecture-team");
		decide(change, "reviewers", "carol", "approve");
		decide(change, "reviewers", "dave", "approve");
		decide(change, "reviewers", "erin", "approve");
		assertThat(change).isWaitingAt("ReviewChange");
		decide(change, "architecture-team", "grace", "approve", null, "architecture-team");
		assertThat(change).isWaitingAt("ApproveChangeInCab");
	}

	@Test
	void securityRelatedChangesAlsoNeedASecurityReview() {
		ProcessInstance change = request("alice", Map.of("changeType", "security"));

		assertThat(change).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers,reviewers,security-team,architecture-team");
	}

	@Test
	void securitySensitivePathsAddASecurityReviewerAndWorkflowsDevops() {
		ProcessInstance docs = request("alice", Map.of("affectedPaths", "docs/compliance/soc2.md"));
		ProcessInstance pipeline = request("alice", Map.of("affectedPaths", "README.md\n.github/workflows/ci.yml"));

		assertThat(docs).variables().containsEntry("reviewSlots", "reviewers,security-team");
		assertThat(pipeline).variables().containsEntry("reviewSlots", "reviewers,security-team,devops-team");
		assertThat(pipeline).variables()
			.extracting(variables -> variables.get("approvalPolicyRules"))
			.asString()
			.contains("Security-sensitive path", "Pipeline definition");
	}

	@Test
	void riskRaisesTheReviewerCount() {
		assertThat(request("alice", Map.of("riskLevel", "High"))).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers");
		assertThat(request("alice", Map.of("riskLevel", "critical"))).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers,reviewers,architecture-team");
	}

	@Test
	void anIncompleteRequestIsRefusedNamingEveryMissingField() {
		var variables = new HashMap<>(completeRequest());
		variables.remove("justification");
		variables.remove("rollbackPlan");
		variables.put("riskLevel", "extreme");
		long before = runtime.createProcessInstanceQuery().count();

		identity.setAuthentication("alice", List.of("requesters"));
		assertThatThrownBy(() -> runtime.startProcessInstanceByKey("change-normal", variables))
			.hasMessageContaining("missing Justification (justification), Rollback plan (rollbackPlan)")
			.hasMessageContaining("Unknown risk level 'extreme'");
		identity.clearAuthentication();
		assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void highRiskWaitsForTheLowTrafficWindowAndMonitoringHeavyForBusinessHours() {
		// one service each: changes to the same service and environment may not overlap
		assertThat(scheduledStart(Map.of("riskLevel", "high", "service", "changeflow"))).isEqualTo("2026-12-01T02:00:00Z");
		assertThat(scheduledStart(Map.of("monitoringHeavy", true, "service", "heliosdb-lite")))
			.isEqualTo("2026-12-01T14:00:00Z");
		assertThat(scheduledStart(Map.of("maintenanceWindowRequired", true, "service", "quantumharmony-node")))
			.isEqualTo("2026-12-01T02:00:00Z");
	}

	@Test
	void theHolidayFreezeMovesAChangeAcrossTheYearBoundary() {
		assertThat(scheduledStart(Map.of("requestedDate", "2026-12-22"))).isEqualTo("2027-01-06T00:00:00Z");
		assertThat(scheduledStart(Map.of("requestedDate", "2026-12-19", "riskLevel", "high", "service",
				"heliosdb-lite"))).isEqualTo("2026-12-19T02:00:00Z");
		// requested Dec 22, a high-risk change waits for the first low-traffic window after the freeze
		assertThat(scheduledStart(Map.of("requestedDate", "2026-12-22", "riskLevel", "high", "service",
				"quantumharmony-node"))).isEqualTo("2027-01-06T02:00:00Z");
	}

	@Test
	void aChangeWhoseSlotArrivesInsideAFreezeIsRescheduled() {
		ProcessInstance change = scheduled(Map.of("requestedDate", "2026-12-01"));
		// the engine was down: the timer fires only on Dec 21, inside the holiday freeze
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-21T10:00:00Z")));
		execute(job());

		assertThat(change).hasPassed("CheckFreezeWindow").isWaitingAt("ScheduleChange");
		assertThat(change).variables().containsKey("freezeHit");
		execute(job());
		assertThat(change).isWaitingAt("WaitForSlot")
			.variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2027-01-06T00:00:00Z")));
	}

	@Test
	void missingTestingEvidenceSendsTheChangeBackBeforeCab() {
		ProcessInstance change = request("alice",
				Map.of("changeType", "bug-fix", "testIntegration", false, "testStaging", false));
		decide(change, "reviewers", "carol", "approve");

		assertThat(change).isWaitingAt("ReviseChange").hasPassed("CheckTestingEvidence").hasNotPassed("ApproveChangeInCab");
		assertThat(change).variables()
			.containsEntry("missingEvidence", "integration tests, staging deployment")
			.containsEntry("reviewFeedback", "Testing evidence missing before CAB: integration tests, staging deployment. "
					+ "Bug fix: unit, integration and staging (002 §7.1)");
		assertThat(decisionLog(change)).contains("Check testing evidence");

		complete(change, "change-managers", "alice", Map.of("testIntegration", true, "testStaging", true),
				"requesters");
		decide(change, "reviewers", "carol", "approve");
		assertThat(change).isWaitingAt("ApproveChangeInCab").variables().containsEntry("missingEvidence", "");
	}

	@Test
	void documentationNeedsNoTestsAndACanaryIsOnlyAdvisedForPalletCode() {
		ProcessInstance docs = request("alice", Map.of("testUnit", false, "testIntegration", false, "testStaging", false));
		decide(docs, "reviewers", "carol", "approve");
		assertThat(docs).isWaitingAt("ApproveChangeInCab");

		ProcessInstance pallet = request("alice", Map.of("changeType", "pallet-code"));
		decide(pallet, "reviewers", "carol", "approve");
		decide(pallet, "reviewers", "dave", "approve");
		decide(pallet, "security-team", "frank", "approve");
		assertThat(pallet).isWaitingAt("ApproveChangeInCab")
			.variables()
			.containsEntry("testingEvidenceAdvice", "A mainnet canary is recommended for this change type");
	}

	@Test
	void overdueApprovalsRemindThenEscalateThenExpire() {
		ProcessInstance change = request("alice", Map.of());
		Instant due = NOW.plus(Duration.ofDays(1));

		runTimersDueBy(due);
		assertThat(notificationsTo("reviewers")).anySatisfy(subject -> assertThat(subject)
			.isEqualTo("Reminder: Review change (peer review) is due"));
		assertThat(notificationsTo("change-managers")).isEmpty();

		runTimersDueBy(due.plus(Duration.ofDays(1)));
		assertThat(notificationsTo("change-managers")).containsExactly("Escalation: Review change (peer review) is overdue");
		assertThat(slotTask(change, "reviewers").getPriority()).isEqualTo(100);
		assertThat(change).isWaitingAt("ReviewChange");

		runTimersDueBy(due.plus(Duration.ofDays(30)));
		assertThat(change).isEnded().hasPassed("NotReviewedInTime", "ChangeExpiredInApproval");
		assertThat(historicVariable(change, "outcome")).isEqualTo("Expired: Not reviewed in time");
		assertThat(notificationsToUser("alice")).contains("Change expired: 'Rotate TLS certificates'");
	}

	@Test
	void anAbandonedRevisionExpires() {
		ProcessInstance change = request("alice", Map.of());
		decide(change, "reviewers", "carol", "request-changes", "Explain why");
		assertThat(change).isWaitingAt("ReviseChange");

		runTimersDueBy(NOW.plus(Duration.ofDays(5)));
		assertThat(notificationsToUser("alice")).contains("Reminder: Revise change is due");
		runTimersDueBy(NOW.plus(Duration.ofDays(35)));
		assertThat(change).isEnded().hasPassed("ChangeExpiredInRevision");
		assertThat(historicVariable(change, "outcome")).isEqualTo("Expired: Not revised in time");
	}

	@Test
	void aSecondChangeToTheSameServiceIsMovedPastTheFirst() {
		String first = scheduledStart(Map.of());
		ProcessInstance firstChange = lastChange;
		ProcessInstance second = scheduled(Map.of("title", "Publish runbook"));

		assertThat(first).isEqualTo("2026-12-01T00:00:00Z");
		assertThat(second).variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-01T04:00:00Z")));
		assertThat((String) runtime.getVariable(second.getId(), "slotReasons"))
			.contains("Conflicts with " + firstChange.getId() + " 'Rotate TLS certificates' on changeflow/production");
		// another environment is another slot
		assertThat(scheduledStart(Map.of("environment", "staging"))).isEqualTo("2026-12-01T00:00:00Z");
	}

	@Test
	void aFreezeDeclaredWhileAChangeWaitsForItsSlotMovesItAtOnce() {
		ProcessInstance change = scheduled(Map.of());
		freezes.declare(new DeclareFreeze("Datacenter move", "Network cut-over", Instant.parse("2026-11-30T00:00:00Z"),
				Instant.parse("2026-12-03T00:00:00Z"), Set.of("changeflow"), Set.of()), "demo");

		assertThat(change).isWaitingAt("ScheduleChange").hasPassed("FreezeDeclaredOverSlot");
		execute(job());
		assertThat(change).isWaitingAt("WaitForSlot")
			.variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-03T00:00:00Z")));
		assertThat((String) runtime.getVariable(change.getId(), "slotReasons")).contains("Datacenter move");
		assertThat(notificationsToUser("alice")).contains(
				"Change rescheduled: 'Rotate TLS certificates' 2026-12-03T00:00:00Z – 2026-12-03T04:00:00Z");

		// a freeze elsewhere leaves it alone
		freezes.declare(new DeclareFreeze("Node upgrade", "Validator rotation", Instant.parse("2026-12-03T00:00:00Z"),
				Instant.parse("2026-12-04T00:00:00Z"), Set.of("quantumharmony-node"), Set.of()), "demo");
		assertThat(change).isWaitingAt("WaitForSlot");
	}

	@Test
	void aPostIncidentFreezeLetsOnlyRelatedFixesThrough() {
		freezes.declarePostIncident("INC-42", NOW, "Database failover", "olivia");

		String fix = scheduledStart(Map.of("requestedDate", "2026-11-22", "relatedIncident", "INC-42"));
		String unrelated = scheduledStart(Map.of("requestedDate", "2026-11-22", "service", "heliosdb-lite"));

		assertThat(fix).isEqualTo("2026-11-22T00:00:00Z");
		assertThat(unrelated).isEqualTo("2026-11-23T09:00:00Z");
	}

	@Test
	void aFailedVerificationIsRolledBackAndClosedAsRolledBack() {
		ProcessInstance change = scheduled(Map.of());
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:05Z")));
		execute(job());
		complete(change, "implementers", "leo", Map.of("implementationNotes", "Rolled out"));
		complete(change, "implementers", "leo",
				Map.of("verificationResult", "failed", "verificationNotes", "Error rate doubled"));

		assertThat(change).isWaitingAt("RollBackChange");
		assertThatThrownBy(() -> complete(change, "implementers", "leo", Map.of("rollbackNotes", "Reverted")))
			.hasMessageContaining("postMortem is required");
		complete(change, "implementers", "leo",
				Map.of("rollbackNotes", "Reverted to v1", "postMortem", "Cache warm-up missing; add it to the plan"));
		complete(change, "implementers", "leo", Map.of("lessonsLearned", "Warm caches first"));

		assertThat(change).isEnded()
			.hasPassed("RollBackChange", "ChangeRolledBack")
			.variables()
			.containsEntry("outcome", "Verification failed: rolled back");
	}

	@Test
	void implementationNeedsNotesAndVerificationAKnownResult() {
		ProcessInstance change = scheduled(Map.of());
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:05Z")));
		execute(job());

		assertThatThrownBy(() -> complete(change, "implementers", "leo", Map.of()))
			.hasMessageContaining("implementationNotes is required");
		complete(change, "implementers", "leo", Map.of("implementationNotes", "Done"));
		assertThatThrownBy(() -> complete(change, "implementers", "leo",
				Map.of("verificationResult", "mostly", "verificationNotes", "hm")))
			.hasMessageContaining("verificationResult 'mostly' is not one of success, failed");
	}

	// --- helpers: people act through the same authorization checks as in Tasklist

	static Map<String, Object> completeRequest() {
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

	private ProcessInstance request(String requester, Map<String, Object> overrides, String... groups) {
		var variables = completeRequest();
		variables.putAll(overrides);
		identity.setAuthentication(requester, groups.length == 0 ? List.of("requesters") : List.of(groups));
		try {
			lastChange = runtime.startProcessInstanceByKey("change-normal", variables);
			return lastChange;
		}
		finally {
			identity.clearAuthentication();
		}
	}

	// changes of other tests still wait for their slots, and freezes stay declared: both would move this test's changes
	private void forgetBookingsAndFreezes() {
		jdbc.sql("delete from cf_booking").update();
		jdbc.sql("delete from cf_freeze").update();
	}

	private String decisionLog(ProcessInstance change) {
		return (String) runtime.getVariable(change.getId(), PolicyDecisionLog.VARIABLE);
	}

	/**
	 * Moves the engine clock and fires the last change's timers that are due by then, one at a time as the job
	 * executor would (a firing timer may cancel others).
	 */
	private void runTimersDueBy(Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
		Job due;
		while ((due = management.createJobQuery().processInstanceId(lastChange.getId()).timers()
			.duedateLowerThan(Date.from(instant.plusMillis(1))).orderByJobDuedate().asc().listPage(0, 1).stream()
			.findFirst().orElse(null)) != null) {
			management.executeJob(due.getId());
		}
	}

	private List<String> notificationsTo(String group) {
		return notifications.forUser("nobody", List.of(group), lastChange.getId(), 500).stream()
			.map(Notification::subject)
			.toList();
	}

	private List<String> notificationsToUser(String user) {
		return notifications.forUser(user, List.of(), lastChange.getId(), 500).stream()
			.map(Notification::subject)
			.toList();
	}

	private Object historicVariable(ProcessInstance change, String name) {
		return history.createHistoricVariableInstanceQuery().processInstanceId(change.getId()).variableName(name)
			.singleResult().getValue();
	}

	private ProcessInstance approvedByReviewers(ProcessInstance change) {
		var reviewers = List.of("carol", "dave", "erin").iterator();
		while (!openTasks(change).isEmpty() && openTasks(change).get(0).getTaskDefinitionKey().equals("ReviewChange")) {
			decide(change, "reviewers", reviewers.next(), "approve");
		}
		assertThat(change).isWaitingAt("ApproveChangeInCab");
		return change;
	}

	private ProcessInstance scheduled(Map<String, Object> overrides) {
		ProcessInstance change = approvedByReviewers(request("alice", overrides));
		decide(change, "cab-engineering-lead", "ivan", "approve");
		decide(change, "cab-security", "judy", "approve");
		decide(change, "cab-operations", "ken", "approve");
		execute(job());
		assertThat(change).isWaitingAt("WaitForSlot");
		return change;
	}

	private String scheduledStart(Map<String, Object> overrides) {
		ProcessInstance change = scheduled(overrides);
		return ((Date) runtime.getVariable(change.getId(), "scheduledStart")).toInstant().toString();
	}

	private void decide(ProcessInstance change, String slot, String user, String decision) {
		decide(change, slot, user, decision, null);
	}

	private void decide(ProcessInstance change, String slot, String user, String decision, String comment,
			String... groups) {
		var variables = new HashMap<String, Object>();
		variables.put("decision", decision);
		if (comment != null) {
			variables.put("decisionComment", comment);
		}
		complete(change, slot, user, variables, groups.length == 0 ? new String[] { slot } : groups);
	}

	private void complete(ProcessInstance change, String candidateGroup, String user, Map<String, Object> variables,
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

	private Task slotTask(ProcessInstance change, String candidateGroup) {
		List<Task> open = tasks.createTaskQuery()
			.processInstanceId(change.getId())
			.taskCandidateGroup(candidateGroup)
			.includeAssignedTasks()
			.list();
		assertThat(open).as("open tasks for %s", candidateGroup).isNotEmpty();
		return open.get(0);
	}

	private List<Task> openTasks(ProcessInstance change) {
		return tasks.createTaskQuery().processInstanceId(change.getId()).list();
	}

}
