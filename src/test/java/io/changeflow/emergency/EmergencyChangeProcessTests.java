package io.changeflow.emergency;

import static io.changeflow.emergency.EmergencyChanges.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.audit.AuditedFlows;
import io.changeflow.notification.Notifications;
import io.changeflow.policy.DeclareFreeze;
import io.changeflow.policy.Freeze;
import io.changeflow.policy.FreezeRegistry;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
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
 * change-emergency end to end with the real delegates, DMN, forms and authorizations: who may declare, the freeze it
 * opens, the action log, the after-the-fact approvals, the review and the follow-up change.
 */
@ExtendWith(AuditedFlows.class)
@AppTest
class EmergencyChangeProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	FreezeRegistry freezes;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private EmergencyChanges emergencies;

	@BeforeEach
	void setUp() {
		emergencies = new EmergencyChanges(engine, notifications, jdbc);
		emergencies.begin(engine);
	}

	@AfterEach
	void tearDown() {
		emergencies.end();
	}

	@Test
	void anIncidentCommanderDeclaresAndTheChangeRunsToClosed() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());

		assertThat(change).isWaitingAt("ImplementFix", "DocumentActions")
			.hasPassed("DeclareEmergency")
			.variables()
			.containsEntry("requester", "olivia")
			.containsEntry("changeCategory", "emergency")
			.containsEntry("securityChange", false)
			.containsEntry("relatedIncident", "INC-77");
		// 000: an emergency is implemented within 24 hours; nothing is scheduled
		Task implement = emergencies.task(change, "ImplementChange");
		assertThat(implement.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(24))));
		assertThat(runtime.getVariables(change.getId())).doesNotContainKeys("scheduledStart", "deploymentWindow");
		assertThat(emergencies.notificationsTo(change, "change-managers"))
			.containsExactly("Emergency declared: 'Patch the consensus fork' (INC-77)");
		assertThat(emergencies.notificationsTo(change, "cab-engineering-lead")).hasSize(1);
		assertThat(emergencies.notificationsTo(change, "cab-security")).hasSize(1);

		emergencies.workDone(change);
		// incident response: the engineering lead alone records the approval (the commander approved by declaring)
		assertThat(change).isWaitingAt("RecordEmergencyApproval")
			.variables()
			.containsEntry("emergencyApprovalSlots", "cab-engineering-lead");
		assertThat(emergencies.tasks(change, "RecordEmergencyApproval")).singleElement()
			.satisfies(task -> assertThat(task.getName()).isEqualTo("Record emergency approval (engineering lead)"));
		emergencies.approve(change, "cab-engineering-lead", "ivan");

		assertThat(change).isWaitingAt("ReviewEmergencyChange")
			.variables()
			.containsEntry("emergencyApprovalOutcome", "approved");
		assertThat((String) runtime.getVariable(change.getId(), "approvals")).contains("\"user\":\"ivan\"")
			.contains("\"verbalApprovalAt\":\"2026-11-21T08:50:00Z\"");
		emergencies.complete(change, "ReviewEmergencyChange", "olivia", EmergencyChanges.review(false));

		assertThat(change).isWaitingAt("CloseChange").hasNotPassed("StartFollowUpChange");
		emergencies.complete(change, "CloseChange", "leo", Map.of());
		assertThat(change).isEnded().hasPassed("EmergencyChangeClosed");
		assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(change.getId())
			.variableName("outcome").singleResult().getValue()).isEqualTo("Implemented and verified");
	}

	@Test
	void theEngineeringLeadDeclaresASecurityPatchWhichTheSecurityRepresentativeApprovesToo() {
		ProcessInstance change = emergencies.declare("ivan", Map.of("emergencyKind", "security-patch"));
		assertThat(change).variables().containsEntry("securityChange", true);
		emergencies.workDone(change);

		assertThat(change).isWaitingAt("RecordEmergencyApproval")
			.variables()
			.containsEntry("emergencyApprovalSlots", "cab-engineering-lead,cab-security");
		// the declarer never approves his own emergency, not even in his own seat: a delegate of the lead does
		assertThatThrownBy(() -> emergencies.approve(change, "cab-engineering-lead", "ivan"))
			.hasMessageContaining("ivan requested this change and cannot decide on it");
		emergencies.approve(change, "cab-security", "judy");
		assertThat(change).isWaitingAt("RecordEmergencyApproval");
		emergencies.approve(change, "cab-engineering-lead", "nadia", "cab-engineering-lead");

		assertThat(change).isWaitingAt("ReviewEmergencyChange")
			.variables()
			.containsEntry("emergencyApprovalOutcome", "approved");
		emergencies.complete(change, "ReviewEmergencyChange", "ivan", EmergencyChanges.review(false));
		emergencies.complete(change, "CloseChange", "leo", Map.of());
		assertThat(change).isEnded().hasPassed("EmergencyChangeClosed");
	}

	@Test
	void aCriticalBugFixNeedsTheLeadAndTwoReviewers() {
		ProcessInstance change = emergencies.declare("olivia", Map.of("emergencyKind", "critical-bug-fix"));
		emergencies.workDone(change);

		assertThat(change).variables()
			.containsEntry("emergencyApprovalSlots", "cab-engineering-lead,reviewers,reviewers")
			.containsEntry("securityChange", false);
		assertThat(emergencies.tasks(change, "RecordEmergencyApproval")).hasSize(3);
		emergencies.approve(change, "reviewers", "carol");
		assertThatThrownBy(() -> emergencies.approve(change, "reviewers", "carol"))
			.hasMessageContaining("carol already decided on this change");
		emergencies.approve(change, "reviewers", "dave");
		emergencies.approve(change, "cab-engineering-lead", "ivan");
		assertThat(change).isWaitingAt("ReviewEmergencyChange");
	}

	@Test
	void anExplicitSecurityChangeNeedsTheSecurityRepresentative() {
		ProcessInstance change = emergencies.declare("olivia", Map.of("securityChange", true));
		emergencies.workDone(change);

		assertThat(change).variables().containsEntry("emergencyApprovalSlots", "cab-engineering-lead,cab-security");
	}

	@Test
	void requestingChangesAfterTheFactIsRefused() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		emergencies.workDone(change);

		assertThatThrownBy(() -> emergencies.decide(change, "cab-engineering-lead", "ivan", "request-changes",
				Date.from(NOW)))
			.hasMessageContaining("Decision 'request-changes' is not possible here")
			.hasMessageContaining("approve or reject");
		assertThat(change).isWaitingAt("RecordEmergencyApproval").variables().containsEntry("approvals", "[]");
	}

	@Test
	void theTimeOfTheVerbalApprovalIsRequiredAndNotInTheFuture() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		emergencies.workDone(change);

		assertThatThrownBy(() -> emergencies.decide(change, "cab-engineering-lead", "ivan", "approve", null))
			.hasMessageContaining("State when the approval was given (verbalApprovalAt)");
		assertThatThrownBy(() -> emergencies.decide(change, "cab-engineering-lead", "ivan", "approve",
				"2026-11-21T10:00Z"))
			.hasMessageContaining("verbalApprovalAt 2026-11-21T10:00:00Z is in the future");
		assertThatThrownBy(() -> emergencies.decide(change, "cab-engineering-lead", "ivan", "approve", "yesterday"))
			.hasMessageContaining("is not an ISO-8601 timestamp");
		// as the form sends it
		emergencies.decide(change, "cab-engineering-lead", "ivan", "approve", "2026-11-21T08:45Z");
		assertThat(change).isWaitingAt("ReviewEmergencyChange");
	}

	@Test
	void aRequesterCannotDeclareTheEngineRefusesTheStart() {
		assertThatThrownBy(() -> emergencies.declare("alice", Map.of())).isInstanceOf(AuthorizationException.class);

		assertThat(freezes.postIncidentFreeze("INC-77")).isEmpty();
	}

	@Test
	void aRequesterPresentingAnIncidentCommandersGroupIsRefusedByTheDeclarationCheck() {
		// the engine's start authorization trusts the presented groups; the declaration asks the identity store
		assertThatThrownBy(() -> emergencies.declareAs("alice", List.of("incident-commanders"), Map.of()))
			.hasMessageContaining("Emergency declaration refused: alice is not a member of incident-commanders or"
					+ " cab-engineering-lead");

		assertThat(freezes.postIncidentFreeze("INC-77")).isEmpty();
	}

	@Test
	void withAuthorizationChecksOffARequesterIsStillRefusedByTheDeclarationCheck() {
		var configuration = engine.getProcessEngineConfiguration();
		configuration.setAuthorizationEnabled(false);
		try {
			assertThatThrownBy(() -> emergencies.declare("alice", Map.of()))
				.hasMessageContaining("alice is not a member of incident-commanders or cab-engineering-lead");
		}
		finally {
			configuration.setAuthorizationEnabled(true);
		}
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("change-emergency")
			.variableValueEquals("requester", "alice").count()).isZero();
	}

	@Test
	void aDeclarationWithoutIncidentAndReasonIsRefusedNamingBoth() {
		assertThatThrownBy(() -> emergencies.declare("olivia",
				Map.of("incident", " ", "reason", "", "service", "mainframe")))
			.hasMessageContaining("incident is required")
			.hasMessageContaining("reason is required")
			.hasMessageContaining("unknown service 'mainframe'");
		assertThat(freezes.postIncidentFreeze(" ")).isEmpty();
	}

	@Test
	void declaringOpensThePostIncidentFreezeWhichASecondEmergencyJoins() {
		ProcessInstance first = emergencies.declare("olivia", Map.of());

		Freeze freeze = freezes.postIncidentFreeze("INC-77").orElseThrow();
		assertThat(freeze.kind()).isEqualTo(Freeze.Kind.POST_INCIDENT);
		assertThat(freeze.start()).isEqualTo(NOW);
		assertThat(freeze.end()).isEqualTo(NOW.plus(Duration.ofHours(48)));
		assertThat(first).variables().containsEntry("postIncidentFreezeId", freeze.id());
		assertThat((String) runtime.getVariable(first.getId(), "policyDecisions")).contains("opened Post-incident freeze INC-77");

		ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(3600)));
		ProcessInstance second = emergencies.declare("ivan", Map.of("emergencyKind", "critical-bug-fix"));
		assertThat(second).isWaitingAt("ImplementFix", "DocumentActions")
			.variables()
			.containsEntry("postIncidentFreezeId", freeze.id());
		assertThat((String) runtime.getVariable(second.getId(), "policyDecisions")).contains("joins Post-incident freeze INC-77");
		assertThat(freezes.list(NOW, NOW.plus(Duration.ofDays(3)))).hasSize(1);
	}

	@Test
	void anEmergencyRunsDuringADeclaredFreeze() {
		freezes.declare(new DeclareFreeze("Mainnet launch", "Launch week", NOW.minusSeconds(3600),
				NOW.plus(Duration.ofDays(2)), java.util.Set.of(), java.util.Set.of()), "demo");

		ProcessInstance change = emergencies.declare("olivia", Map.of());

		assertThat(change).isWaitingAt("ImplementFix", "DocumentActions");
		assertThat(emergencies.task(change, "ImplementChange")).isNotNull();
	}

	@Test
	void actionsDocumentedInTheFormAreAppendedAndTheLogCannotBeRewritten() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		Task first = emergencies.task(change, "DocumentActions");
		assertThat(first.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofHours(4))));

		assertThatThrownBy(() -> emergencies.document(change, "heidi", "  ", false))
			.hasMessageContaining("actionEntry is required unless the work is finished");
		ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(300)));
		emergencies.complete(first, "heidi", emergencies.groupsOf("heidi"),
				Map.of("actionEntry", "Stopped validator 3", "workFinished", false, "actionLog", "nothing happened"));

		assertThat(change).isWaitingAt("ImplementFix", "DocumentActions")
			.variables()
			.containsEntry("actionLog", "2026-11-21T09:05:00Z heidi: Stopped validator 3")
			.doesNotContainKey("actionEntry");
		ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(600)));
		emergencies.document(change, "olivia", "Validators agree on block 1201", false);
		assertThat(change).variables()
			.containsEntry("actionLog", "2026-11-21T09:05:00Z heidi: Stopped validator 3\n"
					+ "2026-11-21T09:10:00Z olivia: Validators agree on block 1201");
		// alice is neither implementer nor incident commander: the task is not hers
		Task third = emergencies.task(change, "DocumentActions");
		assertThatThrownBy(() -> emergencies.complete(third, "alice", List.of("requesters"),
				Map.of("actionEntry", "x", "workFinished", true)))
			.isInstanceOf(AuthorizationException.class);
		// a finished round without an entry still writes the log from the table, not from what the client sent
		emergencies.complete(third, "heidi", emergencies.groupsOf("heidi"),
				Map.of("workFinished", true, "actionLog", "rewritten"));
		assertThat(change).isWaitingAt("ImplementFix")
			.variables()
			.containsEntry("actionLog", "2026-11-21T09:05:00Z heidi: Stopped validator 3\n"
					+ "2026-11-21T09:10:00Z olivia: Validators agree on block 1201");
		assertThat(jdbc.sql("select count(*) from cf_action_log where change_id = ?").param(change.getBusinessKey())
			.query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void theReviewRemindsAfter24HoursAndEscalatesToChangeManagersWhenOverdue() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		Instant implemented = NOW.plus(Duration.ofHours(1));
		ClockUtil.setCurrentTime(Date.from(implemented));
		emergencies.workDone(change);
		ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(2))));
		emergencies.approve(change, "cab-engineering-lead", "ivan");

		Task review = emergencies.task(change, "ReviewEmergencyChange");
		assertThat(review).isAssignedTo("olivia");
		assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
			.contains("incident-commanders");
		assertThat(review.getDueDate()).isEqualTo(Date.from(implemented.plus(Duration.ofHours(48))));

		emergencies.runTimersDueBy(change, implemented.plus(Duration.ofHours(24)).minusSeconds(1));
		assertThat(emergencies.notificationsToUser(change, "olivia")).isEmpty();
		emergencies.runTimersDueBy(change, implemented.plus(Duration.ofHours(24)));
		assertThat(emergencies.notificationsToUser(change, "olivia"))
			.containsExactly("Reminder: Review emergency change is due");
		assertThat(emergencies.notificationsTo(change, "incident-commanders"))
			.contains("Reminder: Review emergency change is due");
		assertThat(emergencies.notificationsTo(change, "change-managers")).doesNotContain(
				"Escalation: Review emergency change is overdue");

		emergencies.runTimersDueBy(change, implemented.plus(Duration.ofHours(48)));
		assertThat(emergencies.notificationsTo(change, "change-managers"))
			.contains("Escalation: Review emergency change is overdue");
		assertThat(emergencies.task(change, "ReviewEmergencyChange").getPriority()).isEqualTo(100);
	}

	@Test
	void theReviewNeedsItsFindings() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		emergencies.workDone(change);
		emergencies.approve(change, "cab-engineering-lead", "ivan");

		assertThatThrownBy(() -> emergencies.complete(change, "ReviewEmergencyChange", "olivia",
				Map.of("whatHappened", "A fork", "followUpRequired", true)))
			.hasMessageContaining("rootCause is required")
			.hasMessageContaining("lessonsLearned is required")
			.hasMessageContaining("followUpTitle is required")
			.hasMessageContaining("followUpSummary is required");
		assertThat(change).isWaitingAt("ReviewEmergencyChange");
	}

	@Test
	void aRejectedEmergencyForcesAFollowUpNormalChangeLinkedBothWays() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		emergencies.workDone(change);
		emergencies.decide(change, "cab-engineering-lead", "ivan", "reject", Date.from(NOW));
		assertThat(change).isWaitingAt("ReviewEmergencyChange")
			.variables()
			.containsEntry("emergencyApprovalOutcome", "rejected");

		assertThatThrownBy(() -> emergencies.complete(change, "ReviewEmergencyChange", "olivia",
				EmergencyChanges.review(false)))
			.hasMessageContaining("the emergency CAB rejected this change, so a follow-up normal change is mandatory");
		emergencies.complete(change, "ReviewEmergencyChange", "olivia", EmergencyChanges.review(true));
		assertThat(change).isWaitingAt("StartFollowUpChange");
		emergencies.executeJobs(change);

		assertThat(change).isWaitingAt("CloseChange").hasPassed("StartFollowUpChange");
		String followUpId = (String) runtime.getVariable(change.getId(), "followUpChangeId");
		ProcessInstance followUp = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(followUpId)
			.singleResult();
		assertThat(followUp).isNotNull();
		assertThat(followUp).hasProcessDefinitionKey("change-normal")
			.isWaitingAt("ReviseChange")
			.variables()
			.containsEntry("changeId", followUpId)
			.containsEntry("followUpOf", change.getBusinessKey())
			.containsEntry("requester", "olivia")
			.containsEntry("title", "Harden fork choice")
			.containsEntry("summary", "Proper fix with tests for late votes")
			.containsEntry("service", "quantumharmony-node")
			.containsEntry("environment", "production")
			.containsEntry("relatedIncident", "INC-77");
		assertThat((String) runtime.getVariable(followUp.getId(), "reviewFeedback"))
			.contains("Follow-up of emergency change 'Patch the consensus fork' (" + change.getBusinessKey()
					+ ", incident INC-77)")
			.contains("rejected the fix after the fact")
			.contains("Root cause: Fork choice ignored late votes");
		Task revise = engine.getTaskService().createTaskQuery().processInstanceId(followUp.getId()).singleResult();
		assertThat(revise).isAssignedTo("olivia");
	}

	@Test
	void aFailedVerificationRollsBackInsideTheSharedImplementationStep() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		emergencies.implement(change, "failed");
		emergencies.complete(change, "RollBackChange", "leo",
				Map.of("rollbackNotes", "Back to 4.2.0", "postMortem", "Fix breaks sync"));
		emergencies.document(change, "leo", "Rolled back to 4.2.0", true);

		assertThat(change).isWaitingAt("RecordEmergencyApproval")
			.variables()
			.containsEntry("verificationResult", "failed")
			.containsEntry("outcome", "Verification failed: rolled back");
		emergencies.approve(change, "cab-engineering-lead", "ivan");
		emergencies.complete(change, "ReviewEmergencyChange", "olivia", EmergencyChanges.review(true));
		emergencies.executeJobs(change);
		emergencies.complete(change, "CloseChange", "leo", Map.of());
		assertThat(change).isEnded().hasPassed("StartFollowUpChange", "EmergencyChangeClosed");
	}

}
