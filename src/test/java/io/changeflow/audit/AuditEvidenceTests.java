package io.changeflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.AppTest;
import io.changeflow.audit.ChangeEvidence.Approval;
import io.changeflow.audit.EvidenceRecord.Violation;
import io.changeflow.change.Changes;
import io.changeflow.emergency.EmergencyChanges;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change log and the CC8 evidence of changes driven through the real processes: what the engine wrote to the
 * trail is all they read. Violations the engine prevents are provoked with synthetic rows, said where.
 */
@AppTest
class AuditEvidenceTests {

	static final String COMMIT = "3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39";

	static final Instant SLOT_OPENED = Instant.parse("2026-12-01T00:00:05Z");

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditEvidence evidence;

	@Autowired
	ObjectMapper json;

	private Changes changes;

	private EmergencyChanges emergencies;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		emergencies = new EmergencyChanges(engine, notifications, jdbc);
		emergencies.begin(engine);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
		emergencies.end();
	}

	@Test
	void aNormalChangeApprovedImplementedVerifiedAndClosedSatisfiesEveryCriterion() {
		ProcessInstance change = changes.clearedToImplement(Map.of("changeType", "documentation", "commitSha", COMMIT,
				"prNumber", 456, "filesChanged", 15, "linesAdded", 500, "linesRemoved", 100));
		String id = change.getBusinessKey();
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed docs v2"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "success", "verificationNotes", "Pages render"));

		// the closure is due 5 days after it opened: a day later, the change is flagged
		assertThat(record(id, Instant.parse("2026-12-07T00:00:00Z")).violations()).containsExactly(new Violation(
				"cc8_3", "not-closed", "Close change open since 2026-12-01T00:00:05Z, due 2026-12-06T00:00:05Z;"
						+ " not closed by 2026-12-07T00:00:00Z"));

		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));
		assertThat(changeLog(id)).isEqualTo(parse("""
				{"change_id": "%s", "timestamp": "2026-12-01T00:00:05Z", "type": "normal",
				 "description": "Rotate TLS certificates", "requestor": "alice",
				 "approvers": ["carol", "ivan", "judy", "ken"], "commit": "%s", "pr_number": 456,
				 "files_changed": 15, "lines_added": 500, "lines_removed": 100, "test_results": "passed",
				 "security_review": "approved"}""".formatted(id, COMMIT)));

		EvidenceRecord record = record(id, Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(record.violations()).isEmpty();
		assertThat(List.of(record.authorized().satisfied(), record.tested().satisfied(),
				record.followed().satisfied())).containsOnly(true);
		assertThat(record.phase()).isEqualTo("closed");
		assertThat(record.outcome()).isEqualTo("Change closed");
		var authorized = record.authorized().evidence();
		assertThat(authorized.requiredApprovalsMet()).isTrue();
		assertThat(authorized.authorizedAt()).isEqualTo(Changes.NOW);
		assertThat(authorized.implementationStartedAt()).isEqualTo(SLOT_OPENED);
		assertThat(authorized.implementedArtifact()).isEqualTo(COMMIT);
		assertThat(authorized.approvals()).extracting(Approval::by, Approval::artifact)
			.containsOnly(tuple("carol", COMMIT),
					tuple("ivan", COMMIT),
					tuple("judy", COMMIT),
					tuple("ken", COMMIT));
		var tested = record.tested().evidence();
		assertThat(tested.policyDecisions()).singleElement()
			.satisfies(decision -> assertThat(decision.decision())
				.isEqualTo("Evidence complete. Documentation: no tests required (002 §7.1)"));
		assertThat(tested.verifications()).singleElement()
			.satisfies(step -> assertThat(step.result()).isEqualTo("success"));
		var followed = record.followed().evidence();
		assertThat(followed.slot().start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(followed.slot().end()).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
		assertThat(followed.withinSlot()).isTrue();
		assertThat(followed.closedAt()).isEqualTo(SLOT_OPENED);
	}

	@Test
	void aRejectedChangeLogsOnlyTheApprovalsOfItsLastRoundAndTheRevisedRequest() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "bug-fix", "commitSha", "abc123"));
		String id = change.getBusinessKey();
		changes.decide(change, "reviewers", "carol", "request-changes", "Name the certificate authority");
		var revised = new HashMap<>(Changes.completeRequest());
		revised.putAll(Map.of("changeType", "bug-fix", "title", "Rotate TLS certificates (Let's Encrypt)",
				"commitSha", "def456"));
		changes.complete(change, "change-managers", "alice", revised, "requesters");
		changes.approvedByReviewers(change);
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "reject", "No penetration test");

		assertThat(changeLog(id)).isEqualTo(parse("""
				{"change_id": "%s", "timestamp": "2026-11-21T09:00:00Z", "type": "normal",
				 "description": "Rotate TLS certificates (Let's Encrypt)", "requestor": "alice",
				 "approvers": ["carol", "ivan"], "commit": "def456", "pr_number": null, "files_changed": null,
				 "lines_added": null, "lines_removed": null, "test_results": "passed",
				 "security_review": "rejected"}""".formatted(id)));
		EvidenceRecord record = record(id, Changes.NOW);
		// nothing was deployed: nothing to hold against CC8
		assertThat(record.violations()).isEmpty();
		assertThat(record.outcome()).isEqualTo("Change rejected by CAB");
		assertThat(record.authorized().evidence().requiredApprovalsMet()).isFalse();
		assertThat(record.authorized().evidence().approvals())
			.extracting(Approval::by, Approval::decision, Approval::artifact, Approval::counted)
			.containsExactly(tuple("carol", "request-changes", "abc123", false),
					tuple("carol", "approve", "def456", true),
					tuple("ivan", "approve", "def456", true),
					tuple("judy", "reject", "def456", false));
	}

	@Test
	void anEmergencyApprovedLateAndWithoutItsReviewWithin48HoursIsFlagged() {
		ProcessInstance change = emergencies.declare("olivia", Map.of("emergencyKind", "security-patch"));
		String id = change.getBusinessKey();
		emergencies.workDone(change);
		// the approvals are due 4 h after the work was documented: judy records in time, ivan an hour late
		at("2026-11-21T10:00:00Z");
		emergencies.approve(change, "cab-security", "judy");
		at("2026-11-21T14:00:00Z");
		emergencies.approve(change, "cab-engineering-lead", "ivan");
		at("2026-11-23T09:30:00Z");

		assertThat(changeLog(id)).isEqualTo(parse("""
				{"change_id": "%s", "timestamp": "2026-11-21T09:00:00Z", "type": "emergency",
				 "description": "Patch the consensus fork", "requestor": "olivia", "approvers": ["judy", "ivan"],
				 "commit": null, "pr_number": null, "files_changed": null, "lines_added": null,
				 "lines_removed": null, "test_results": "passed", "security_review": "approved"}""".formatted(id)));
		EvidenceRecord record = record(id, Instant.parse("2026-11-23T09:30:00Z"));
		assertThat(record.violations()).containsExactly(
				new Violation("cc8_1", "emergency-approval-late", "ivan recorded Record emergency approval (engineering"
						+ " lead) at 2026-11-21T14:00:00Z, due 2026-11-21T13:00:00Z"),
				new Violation("cc8_3", "pir-overdue", "no post-incident review by 2026-11-23T09:30:00Z, due"
						+ " 2026-11-23T09:00:00Z (48 h after the implementation ended 2026-11-21T09:00:00Z)"));
		assertThat(record.tested().satisfied()).isTrue();
		var authorized = record.authorized().evidence();
		assertThat(authorized.authorization()).isEqualTo("Emergency security-patch declared by olivia for INC-77");
		assertThat(authorized.requiredApprovalsMet()).isTrue();
		assertThat(record.followed().evidence().withinSlot()).as("emergencies are never scheduled").isNull();
	}

	@Test
	void aVerbalApprovalTimeAsTheFormSendsItIsReadIntoTheEvidence() {
		ProcessInstance change = emergencies.declare("olivia", Map.of());
		emergencies.workDone(change);
		// Camunda Forms' datetime field sends minutes, without seconds
		emergencies.decide(change, "cab-engineering-lead", "ivan", "approve", "2026-11-21T08:45Z");

		assertThat(record(change.getBusinessKey(), Changes.NOW).authorized().evidence().approvals())
			.extracting(Approval::by, Approval::verbalApprovalAt)
			.contains(tuple("ivan", Instant.parse("2026-11-21T08:45:00Z")));
	}

	/**
	 * The engine never implements before the CAB approved, nor outside a booked slot, nor another artifact than the
	 * approved one: an implementation row is appended by hand (AuditTrail.append) while the change awaits the CAB.
	 */
	@Test
	void aSyntheticImplementationBeforeTheCabOfAnotherArtifactBreaksAuthorizationAndSlot() {
		ProcessInstance change = changes.approvedByReviewers(
				changes.request("alice", Map.of("changeType", "documentation", "commitSha", "abc123")));
		String id = change.getBusinessKey();
		at("2026-11-21T10:00:00Z");
		trail.append(new AuditRecord(id, RetentionClass.RECORDS, "task.completed", "leo", null, "ImplementChange",
				"Implement change", "synthetic", AuditRecord.details("implementationNotes", "Deployed early",
						"artifact", "evil999")));
		at("2026-11-21T11:00:00Z");
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");
		changes.continueAsync(change);

		EvidenceRecord record = record(id, Instant.parse("2026-11-21T12:00:00Z"));
		assertThat(record.violations()).containsExactly(
				new Violation("cc8_1", "implemented-before-authorization", "deployment began 2026-11-21T10:00:00Z,"
						+ " authorized 2026-11-21T11:00:00Z (CAB approved)"),
				new Violation("cc8_1", "artifact-mismatch", "approved artifact abc123, implemented evil999"
						+ " (Implement change 2026-11-21T10:00:00Z)"),
				new Violation("cc8_3", "implemented-outside-slot",
						"deployed 2026-11-21T10:00:00Z without a booked slot"));
		assertThat(changeLog(id).get("timestamp").asText()).as("the trail is the evidence")
			.isEqualTo("2026-11-21T10:00:00Z");
	}

	@Test
	void aDeploymentReportedAfterItsSlotEndedIsOutsideIt() {
		ProcessInstance change = changes.clearedToImplement(Map.of("changeType", "documentation"));
		at("2026-12-01T05:00:00Z");
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Took longer"));

		assertThat(record(change.getBusinessKey(), Instant.parse("2026-12-01T05:00:00Z")).violations())
			.containsExactly(new Violation("cc8_3", "implemented-outside-slot", "deployed 2026-12-01T00:00:05Z–"
					+ "2026-12-01T05:00:00Z, outside its slot 2026-12-01T00:00:00Z–2026-12-01T04:00:00Z"
					+ " (Any time (24/7))"));
	}

	@Test
	void aRuntimeUpgradesLogNamesTheAyeVotersAndTheHashVotedOn() {
		jdbc.sql("delete from cf_runtime_release").update();
		var proposal = new HashMap<String, Object>(Map.of("title", "Runtime 105", "summary", "Treasury pallet",
				"specName", "quantumharmony", "specVersion", 105L, "wasmHash", "0x" + "AB".repeat(32), "changelog",
				"- treasury", "migrationNotes", "Treasury storage v2", "significant", true, "securityAudit", true,
				"securityAuditReference", "AUD-7"));
		proposal.putAll(Map.of("testUnit", true, "testIntegration", true, "testTestnet", true, "implementation",
				"manual"));
		var identity = engine.getIdentityService();
		identity.setAuthentication("alice", List.of("requesters"));
		ProcessInstance upgrade = engine.getRuntimeService()
			.startProcessInstanceByKey("change-runtime-upgrade", proposal);
		identity.clearAuthentication();
		for (var vote : List.of(List.of("victor", "aye"), List.of("wendy", "nay"), List.of("xavier", "aye"),
				List.of("yvonne", "aye"))) {
			var task = engine.getTaskService().createTaskQuery().processInstanceId(upgrade.getId())
				.taskAssignee(vote.get(0)).singleResult();
			identity.setAuthentication(vote.get(0), List.of("validators"));
			engine.getTaskService().complete(task.getId(), Map.of("vote", vote.get(1)));
			identity.clearAuthentication();
		}

		assertThat(changeLog(upgrade.getBusinessKey())).isEqualTo(parse("""
				{"change_id": "%s", "timestamp": "2026-11-21T09:00:00Z", "type": "runtime-upgrade",
				 "description": "Runtime 105", "requestor": "alice", "approvers": ["victor", "xavier", "yvonne"],
				 "commit": "0x%s", "pr_number": null, "files_changed": null, "lines_added": null,
				 "lines_removed": null, "test_results": "passed", "security_review": "approved"}"""
			.formatted(upgrade.getBusinessKey(), "ab".repeat(32))));
		jdbc.sql("delete from cf_runtime_release").update();
	}

	private JsonNode changeLog(String changeId) {
		try {
			return json.readTree(json.writeValueAsString(ChangeLog.of(evidence.change(changeId).orElseThrow())));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private EvidenceRecord record(String changeId, Instant now) {
		return evidence.record(evidence.change(changeId).orElseThrow(), now);
	}

	private JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void at(String instant) {
		ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
	}

}
