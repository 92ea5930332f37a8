package io.changeflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.audit.EvidenceRecord.Violation;
import org.junit.jupiter.api.Test;

/**
 * The CC8 rules on hand-written trails: rows the engine never writes in this order (an approval by the requester, a
 * deployment nobody authorized, a failed verification nobody rolled back), shaped like the rows it does write.
 */
class Cc8RulesTests {

	static final String ID = "CHG-2026-0042";

	static final Duration REVIEW_WITHIN = Duration.ofHours(48);

	static final ObjectMapper JSON = new ObjectMapper();

	private final List<AuditEntry> rows = new ArrayList<>();

	@Test
	void aDeploymentNobodyAuthorizedOrTestedIsFlaggedOnEveryCriterion() {
		requested("normal", "commitSha", "c1", "changeType", "documentation");
		row("10:00", "task.created", null, "ApproveChangeInCab", "Approve change in CAB (security representative)",
				"t1", "candidateGroups", List.of("cab-security"));
		row("10:05", "task.completed", "alice", "ApproveChangeInCab",
				"Approve change in CAB (security representative)", "t1", "decision", "approve", "artifact", "c1");
		row("11:00", "task.completed", "leo", "ImplementChange", "Implement change", "t2", "artifact", "c1");

		assertThat(assess("12:00").violations()).containsExactly(
				new Violation("cc8_1", "implemented-without-authorization",
						"deployed 2026-11-21T11:00:00Z by leo; the trail shows no CAB approval"),
				new Violation("cc8_1", "self-approval", "alice approved their own change (Approve change in CAB"
						+ " (security representative), 2026-11-21T10:05:00Z)"),
				new Violation("cc8_2", "deployed-without-testing-evidence",
						"deployed 2026-11-21T11:00:00Z: no testing-evidence decision before it"),
				new Violation("cc8_3", "implemented-outside-slot",
						"deployed 2026-11-21T11:00:00Z without a booked slot"));
	}

	@Test
	void aFailedVerificationNobodyRolledBackAndAnUnverifiedDeploymentAreFlaggedOnceClosed() {
		deployedInItsSlot();
		row("10:30", "task.completed", "leo", "VerifyChange", "Verify change", "t3", "verificationResult", "failed",
				"verificationNotes", "500s");
		assertThat(assess("10:40").violations()).as("the rollback may still come").isEmpty();
		closed("10:45");
		assertThat(assess("11:00").violations()).containsExactly(new Violation("cc8_2",
				"verification-failed-not-rolled-back", "Verify change failed at 2026-11-21T10:30:00Z; no rollback or"
						+ " recovery by 2026-11-21T10:45:00Z"));
		assertThat(ChangeLog.of(read()).testResults()).isEqualTo("failed");

		rows.clear();
		deployedInItsSlot();
		closed("10:45");
		assertThat(assess("11:00").violations()).containsExactly(new Violation("cc8_2", "not-verified",
				"closed 2026-11-21T10:45:00Z without a verification of the deployment"));
	}

	@Test
	void anEmergencyTheCabRejectedOrNeverRecordedIsFlagged() {
		requested("emergency");
		row("09:00", "emergency.declared", "olivia", null, null, null, "declaredBy", "olivia", "kind",
				"security-patch", "incident", "INC-9", "securityChange", true);
		row("09:30", "task.completed", "heidi", "ImplementChange", "Implement change", "t1");
		row("09:40", "outcome.reached", null, "ChangeVerifiedEnd", "Change verified", null, "process",
				"change-implementation", "outcome", "Change verified");
		row("10:00", "task.created", null, "RecordEmergencyApproval", "Record emergency approval (engineering lead)",
				"t2", "candidateGroups", List.of("cab-engineering-lead"), "due", "2026-11-21T14:00:00Z");
		row("10:00", "task.created", null, "RecordEmergencyApproval",
				"Record emergency approval (security representative)", "t3", "candidateGroups", List.of("cab-security"),
				"due", "2026-11-21T14:00:00Z");
		row("11:00", "task.completed", "ivan", "RecordEmergencyApproval",
				"Record emergency approval (engineering lead)", "t2", "decision", "reject", "decisionComment",
				"Not without a second pair of eyes");

		EvidenceRecord record = assess("15:00");
		assertThat(record.violations()).containsExactly(
				new Violation("cc8_1", "emergency-approval-rejected", "ivan rejected the implemented emergency"
						+ " change at 2026-11-21T11:00:00Z (Record emergency approval (engineering lead)): Not without"
						+ " a second pair of eyes"),
				new Violation("cc8_1", "emergency-approval-late", "Record emergency approval (security"
						+ " representative) not recorded by 2026-11-21T15:00:00Z, due 2026-11-21T14:00:00Z"));
		assertThat(record.authorized().evidence().requiredApprovalsMet()).isFalse();
		assertThat(record.followed().evidence().postImplementationReview().due())
			.as("48 h after the implementation ended").isEqualTo(Instant.parse("2026-11-23T09:40:00Z"));
		assertThat(ChangeLog.of(read()).securityReview()).as("the security seat is still open").isEqualTo("pending");
	}

	@Test
	void aStandardChangesStagingRehearsalIsItsTestingNotItsDeployment() {
		requested("standard");
		row("09:00", "policy.decided", "alice", null, null, null, "gate", "Check eligibility", "decision",
				"Pre-approved standard change. Dependency patch update, CI passed: pre-approved (002 §4.1)");
		row("09:00", "gateway.decided", null, "PreApproved", "Pre-approved standard change?", null, "outcome", "yes");
		row("09:00", "gateway.decided", null, "StagingFirst", "Staging before the target?", null, "outcome", "yes");
		run("staging", "09:10", "09:20", "09:30");
		assertThat(ChangeLog.of(read()).timestamp()).as("not deployed yet").isEqualTo(at("09:00"));
		assertThat(ChangeLog.of(read()).testResults()).isEqualTo("passed");

		row("09:40", "slot.booked", null, null, null, null, "start", "2026-11-21T10:00:00Z", "end",
				"2026-11-21T14:00:00Z", "window", "Any time (24/7)");
		run("target", "10:00", "10:10", "10:20");
		closed("10:30");
		EvidenceRecord record = assess("11:00");
		assertThat(record.violations()).isEmpty();
		assertThat(record.authorized().evidence().implementedAt()).isEqualTo(at("10:10"));
		assertThat(record.tested().evidence().stagingRehearsal()).extracting(ChangeEvidence.Step::step)
			.containsExactly("Implement change", "Verify change");
		assertThat(ChangeLog.of(read()).securityReview()).isEqualTo("not required");
	}

	// --- trails shaped like the engine's

	private void deployedInItsSlot() {
		requested("normal", "changeType", "documentation");
		row("09:00", "policy.decided", "carol", null, null, null, "gate", "Check testing evidence", "decision",
				"Evidence complete. Documentation: no tests required (002 §7.1)");
		row("09:05", "gateway.decided", null, "CabDecision", "CAB decision?", null, "outcome", "approved");
		row("09:05", "slot.booked", null, null, null, null, "start", "2026-11-21T10:00:00Z", "end",
				"2026-11-21T14:00:00Z", "window", "Any time (24/7)");
		row("10:00", "gateway.decided", null, "ImplementationByPipeline", "Run by pipeline?", null, "outcome", "no");
		row("10:10", "task.completed", "leo", "ImplementChange", "Implement change", "t2", "implementationNotes",
				"done");
	}

	/** One run of change-implementation, implemented and verified by people. */
	private void run(String instance, String start, String implemented, String verified) {
		rows.add(entry(start, "gateway.decided", null, instance, "ImplementationByPipeline", "Run by pipeline?", null,
				details("outcome", "no")));
		rows.add(entry(implemented, "task.completed", "leo", instance, "ImplementChange", "Implement change",
				instance + "-1", details("implementationNotes", "done")));
		rows.add(entry(verified, "task.completed", "leo", instance, "VerifyChange", "Verify change", instance + "-2",
				details("verificationResult", "success", "verificationNotes", "fine")));
	}

	private void requested(String category, Object... fields) {
		var request = new ArrayList<Object>(List.of("changeCategory", category, "requester", "alice", "title", "T"));
		request.addAll(List.of(fields));
		row("09:00", "change.requested", "alice", null, null, null, request.toArray());
	}

	private void closed(String time) {
		row(time, "phase.changed", "leo", null, null, null, "to", "closed", "outcome", "Change closed");
	}

	private void row(String time, String type, String actor, String activity, String name, String task,
			Object... details) {
		rows.add(entry(time, type, actor, null, activity, name, task, details(details)));
	}

	private AuditEntry entry(String time, String type, String actor, String instance, String activity, String name,
			String task, Map<String, Object> details) {
		try {
			return new AuditEntry(ID, rows.size() + 1, ID, at(time), type, actor, instance, activity, name, task,
					JSON.writeValueAsString(new TreeMap<>(details)), null, null);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> details(Object... namesAndValues) {
		var details = new LinkedHashMap<String, Object>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			details.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return details;
	}

	private ChangeEvidence read() {
		return ChangeEvidence.read(rows, entry -> {
			try {
				@SuppressWarnings("unchecked")
				Map<String, Object> details = JSON.readValue(entry.details(), TreeMap.class);
				return details;
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private EvidenceRecord assess(String now) {
		return Cc8Rules.assess(read(), at(now), REVIEW_WITHIN);
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-21T" + time + ":00Z");
	}

}
