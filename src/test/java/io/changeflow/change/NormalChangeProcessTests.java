package io.changeflow.change;

import static io.changeflow.change.Changes.NOW;
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

import io.changeflow.AppTest;
import io.changeflow.audit.AuditedFlows;
import io.changeflow.notification.Notifications;
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
 * The people's paths of change-normal: request, review, CAB, separation of duties, implementation and rollback, with
 * the real delegates, DMN, forms and authorizations. The policy gates are {@link NormalChangePolicyGatesTests}.
 */
@ExtendWith(AuditedFlows.class)
@AppTest
class NormalChangeProcessTests {

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
	void documentationChangeRunsFromRequestToClosed() {
		ProcessInstance change = changes.request("alice", Map.of());

		assertThat(change).isWaitingAt("ReviewChange").variables().containsEntry("reviewSlots", "reviewers");
		Task review = changes.slotTask(change, "reviewers");
		assertThat(review).hasName("Review change (peer review)").hasCandidateGroup("reviewers").hasFormKey(null);
		// documentation: lead time under one day (000)
		assertThat(review.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(1))));
		changes.decide(change, "reviewers", "carol", "approve");

		assertThat(change).isWaitingAt("ApproveChangeInCab");
		assertThat(changes.openTasks(change)).hasSize(3);
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");

		assertThat(changes.step(change)).isWaitingAt("ScheduleChange");
		execute(job());
		assertThat(changes.step(change)).isWaitingAt("WaitForSlot")
			.variables()
			.containsEntry("scheduledStart", Date.from(Instant.parse("2026-12-01T00:00:00Z")))
			.containsEntry("deploymentWindow", "ANY_TIME");
		assertThat(job().getDuedate()).isEqualTo(Date.from(Instant.parse("2026-12-01T00:00:00Z")));
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:05Z")));
		execute(job());

		assertThat(changes.step(change)).isWaitingAt("ImplementChange");
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed docs v2"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "success", "verificationNotes", "Pages render"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));

		assertThat(change).isEnded()
			.hasPassed("ChangeClosed")
			.variables()
			.containsEntry("outcome", "Implemented and verified");
	}

	@Test
	void rejectionInReviewEndsTheChange() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "application-code"));
		changes.decide(change, "reviewers", "carol", "reject", "No rollback tested");

		assertThat(change).isEnded().hasPassed("ChangeRejectedInReview").hasNotPassed("ApproveChangeInCab");
	}

	@Test
	void anyCabRejectionEndsTheChangeAndWithdrawsTheOtherSeats() {
		ProcessInstance change = changes.approvedByReviewers(changes.request("alice", Map.of()));
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-operations", "ken", "reject", "Clashes with the datacenter move");

		assertThat(change).isEnded().hasPassed("ChangeRejectedByCab");
		assertThat(changes.openTasks(change)).isEmpty();
	}

	@Test
	void requestedChangesGoBackToTheRequesterAndResetAllApprovals() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "application-code"));
		changes.decide(change, "reviewers", "carol", "approve");
		changes.decide(change, "reviewers", "dave", "request-changes", "Add a rollback step for the cache");

		assertThat(change).isWaitingAt("ReviseChange");
		Task revise = tasks.createTaskQuery().processInstanceId(change.getId()).singleResult();
		assertThat(revise).isAssignedTo("alice");
		assertThat(tasks.getIdentityLinksForTask(revise.getId())).extracting(link -> link.getGroupId())
			.contains("change-managers");
		assertThat(change).variables()
			.containsEntry("reviewFeedback", "dave (peer review): Add a rollback step for the cache");

		changes.complete(change, "change-managers", "alice", Map.of("rollbackPlan", "1. revert 2. flush cache"),
				"requesters");

		// a fresh round: carol's earlier approval no longer counts, so she may approve again
		assertThat(change).isWaitingAt("ReviewChange").variables().containsEntry("approvals", "[]");
		assertThat(changes.openTasks(change)).hasSize(2);
		changes.decide(change, "reviewers", "carol", "approve");
		changes.decide(change, "reviewers", "dave", "approve");
		assertThat(change).isWaitingAt("ApproveChangeInCab");
	}

	@Test
	void cabCanRequestChangesToo() {
		ProcessInstance change = changes.approvedByReviewers(changes.request("alice", Map.of()));
		changes.decide(change, "cab-security", "judy", "request-changes", "Name the on-call engineer");

		assertThat(change).isWaitingAt("ReviseChange");
		assertThat(changes.openTasks(change)).hasSize(1);
	}

	@Test
	void aResubmissionThatIsStillIncompleteIsRefused() {
		ProcessInstance change = changes.request("alice", Map.of());
		changes.decide(change, "reviewers", "carol", "request-changes", "Explain why");

		assertThatThrownBy(() -> changes.complete(change, "change-managers", "alice", Map.of("justification", " "),
				"requesters"))
			.hasMessageContaining("missing Justification (justification)");
		assertThat(change).isWaitingAt("ReviseChange");
	}

	@Test
	void theRequesterCanNeverApproveTheirOwnChange() {
		// carol is a reviewer who also requests changes
		ProcessInstance change = changes.request("carol", Map.of(), "requesters", "reviewers");

		assertThatThrownBy(() -> changes.decide(change, "reviewers", "carol", "approve"))
			.hasMessageContaining("carol requested this change and cannot decide on it (separation of duties)");
		assertThat(changes.openTasks(change)).hasSize(1);
		assertThat(change).variables().containsEntry("approvals", "[]");
	}

	@Test
	void onePersonFillsOnlyOneSlotPerRound() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "feature"));
		changes.decide(change, "reviewers", "carol", "approve");

		assertThatThrownBy(() -> changes.decide(change, "reviewers", "carol", "approve"))
			.hasMessageContaining("carol already decided on this change in this round (peer review)");
		changes.decide(change, "reviewers", "dave", "approve");
		assertThat(change).isWaitingAt("ApproveChangeInCab");
	}

	@Test
	void onlyMembersOfTheSlotGroupMayDecideEvenAdministrators() {
		ProcessInstance change = changes.request("alice", Map.of());

		// demo is a Camunda administrator, so authorizations let it through; the slot rule does not
		assertThatThrownBy(() -> changes.decide(change, "reviewers", "demo", "approve", null, "change-managers"))
			.hasMessageContaining("demo is not a member of reviewers");
		// frank holds no grant on a reviewers' task at all
		assertThatThrownBy(() -> changes.decide(change, "reviewers", "frank", "approve", null, "security-team"))
			.isInstanceOf(AuthorizationException.class);
		assertThat(changes.openTasks(change)).hasSize(1);
	}

	@Test
	void anApprovalWithoutAnAuthenticatedUserIsRefused() {
		ProcessInstance change = changes.request("alice", Map.of());
		Task review = changes.slotTask(change, "reviewers");

		assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("decision", "approve")))
			.hasMessageContaining("An approval must be made by an authenticated user");
	}

	@Test
	void rejectingOrRequestingChangesNeedsAComment() {
		ProcessInstance change = changes.request("alice", Map.of());

		assertThatThrownBy(() -> changes.decide(change, "reviewers", "carol", "reject", " "))
			.hasMessageContaining("A comment is required to reject");
		assertThatThrownBy(() -> changes.decide(change, "reviewers", "carol", "maybe"))
			.hasMessageContaining("Decision 'maybe' is not one of approve, request-changes, reject");
	}

	@Test
	void cryptographicCodeNeedsTwoPeersAndTwoSecurityReviewersAllDistinct() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "cryptographic", "riskLevel", "Medium"));

		assertThat(change).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers,security-team,security-team");
		assertThat(changes.openTasks(change)).extracting(Task::getName)
			.containsExactlyInAnyOrder("Review change (peer review)", "Review change (peer review)",
					"Review change (security review)", "Review change (security review)");
		changes.decide(change, "reviewers", "erin", "approve", null, "reviewers", "security-team");
		// erin is in security-team too, but has already filled a slot
		assertThatThrownBy(
				() -> changes.decide(change, "security-team", "erin", "approve", null, "reviewers", "security-team"))
			.hasMessageContaining("erin already decided");
		changes.decide(change, "reviewers", "carol", "approve");
		changes.decide(change, "security-team", "frank", "approve", null, "security-team");
		assertThat(change).isWaitingAt("ReviewChange");
		assertThat(changes.openTasks(change)).hasSize(1);
	}

	@Test
	void significantChangesNeedThreePeersAndAnArchitectureReview() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "breaking-api"));

		assertThat(change).variables().containsEntry("reviewSlots", "reviewers,reviewers,reviewers,architecture-team");
		changes.decide(change, "reviewers", "carol", "approve");
		changes.decide(change, "reviewers", "dave", "approve");
		changes.decide(change, "reviewers", "erin", "approve");
		assertThat(change).isWaitingAt("ReviewChange");
		changes.decide(change, "architecture-team", "grace", "approve", null, "architecture-team");
		assertThat(change).isWaitingAt("ApproveChangeInCab");
	}

	@Test
	void securityRelatedChangesAlsoNeedASecurityReview() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "security"));

		assertThat(change).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers,reviewers,security-team,architecture-team");
	}

	@Test
	void securitySensitivePathsAddASecurityReviewerAndWorkflowsDevops() {
		ProcessInstance docs = changes.request("alice", Map.of("affectedPaths", "docs/compliance/soc2.md"));
		ProcessInstance pipeline = changes.request("alice",
				Map.of("affectedPaths", "README.md\n.github/workflows/ci.yml"));

		assertThat(docs).variables().containsEntry("reviewSlots", "reviewers,security-team");
		assertThat(pipeline).variables().containsEntry("reviewSlots", "reviewers,security-team,devops-team");
		assertThat(pipeline).variables()
			.extracting(variables -> variables.get("approvalPolicyRules"))
			.asString()
			.contains("Security-sensitive path", "Pipeline definition");
	}

	@Test
	void riskRaisesTheReviewerCount() {
		assertThat(changes.request("alice", Map.of("riskLevel", "High"))).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers");
		assertThat(changes.request("alice", Map.of("riskLevel", "critical"))).variables()
			.containsEntry("reviewSlots", "reviewers,reviewers,reviewers,architecture-team");
	}

	@Test
	void anIncompleteRequestIsRefusedNamingEveryMissingField() {
		var variables = new HashMap<>(Changes.completeRequest());
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
	void aFailedVerificationIsRolledBackAndClosedAsRolledBack() {
		ProcessInstance change = changes.scheduled(Map.of());
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:05Z")));
		execute(job());
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Rolled out"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "failed", "verificationNotes", "Error rate doubled"));

		assertThat(changes.step(change)).isWaitingAt("RollBackChange");
		assertThatThrownBy(() -> changes.complete(change, "implementers", "leo", Map.of("rollbackNotes", "Reverted")))
			.hasMessageContaining("postMortem is required");
		changes.complete(change, "implementers", "leo",
				Map.of("rollbackNotes", "Reverted to v1", "postMortem", "Cache warm-up missing; add it to the plan"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "Warm caches first"));

		assertThat(change).isEnded()
			.hasPassed("ImplementAndVerifyChange", "ChangeRolledBack")
			.variables()
			.containsEntry("outcome", "Verification failed: rolled back");
	}

	@Test
	void implementationNeedsNotesAndVerificationAKnownResult() {
		ProcessInstance change = changes.scheduled(Map.of());
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T00:00:05Z")));
		execute(job());

		assertThatThrownBy(() -> changes.complete(change, "implementers", "leo", Map.of()))
			.hasMessageContaining("implementationNotes is required");
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Done"));
		assertThatThrownBy(() -> changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "mostly", "verificationNotes", "hm")))
			.hasMessageContaining("verificationResult 'mostly' is not one of success, failed");
	}

}
