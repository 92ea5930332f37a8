package io.changeflow.metrics;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.emergency.EmergencyChanges;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Five weeks of change history, driven through the real processes with each step at its own time on the engine clock:
 * successes, a failed verification rolled back, a change rejected by the CAB, emergencies (one rolled back), a change
 * still awaiting the CAB and one scheduled ahead. docs/metrics.md works its KPIs out by hand; the tests expect them.
 * <p>
 * Normal changes (documentation, any time): requested at T, reviewed T+1h, approved by the CAB T+3h, slot T+4h,
 * deployed T+4h30 (N4: T+6h30), verified 30 minutes later, closed an hour after that (a rollback: rolled back 30
 * minutes after the failed verification, closed 30 minutes after the rollback). Emergencies (incident response):
 * declared at T, implemented T+1h, verified T+1h30 (a rollback at T+2h), actions documented 30 minutes after, approved
 * by the engineering lead T+4h, reviewed T+5h, closed T+6h.
 */
final class GeneratedHistory {

	/** The four ISO weeks 41–44 of 2026 that the tests measure. */
	static final Instant FROM = Instant.parse("2026-10-05T00:00:00Z");

	static final Instant TO = Instant.parse("2026-11-02T00:00:00Z");

	/** When the history ends: N10 was just approved, N8 closed this morning. */
	static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");

	private static final Duration HOUR = Duration.ofHours(1);

	private static final Duration HALF_HOUR = Duration.ofMinutes(30);

	private final Changes changes;

	private final EmergencyChanges emergencies;

	/** N0–N10 and E1, E2 → change id. */
	final Map<String, String> ids = new LinkedHashMap<>();

	private final Map<String, Instant> starts = new LinkedHashMap<>();

	GeneratedHistory(ProcessEngine engine, Notifications notifications, JdbcClient jdbc) {
		this.changes = new Changes(engine, notifications, jdbc);
		this.emergencies = new EmergencyChanges(engine, notifications, jdbc);
	}

	/** Generates the history; the engine clock is left at {@link #NOW}. */
	GeneratedHistory generate(ProcessEngine engine) {
		emergencies.begin(engine);
		changes.begin(engine);
		// week 40, before the measured weeks: approval to deployment 2.5 h
		normal("N0", "2026-09-28T09:00:00Z", "Low", Duration.ofMinutes(150), true);
		// week 41
		normal("N1", "2026-10-05T09:00:00Z", "Low", Duration.ofMinutes(90), true);
		normal("N2", "2026-10-06T09:00:00Z", "Medium", Duration.ofMinutes(90), true);
		emergency("E1", "2026-10-09T09:00:00Z", true);
		// week 42
		normal("N3", "2026-10-12T09:00:00Z", "Low", Duration.ofMinutes(90), false);
		normal("N4", "2026-10-13T09:00:00Z", "Low", Duration.ofMinutes(210), true);
		ProcessInstance rejected = reviewed("N5", "2026-10-14T09:00:00Z", "Low");
		at(start("N5").plus(Duration.ofHours(3)));
		changes.decide(rejected, "cab-engineering-lead", "ivan", "approve");
		changes.decide(rejected, "cab-security", "judy", "reject", "No penetration test");
		assertThat(rejected).isEnded();
		// week 43
		normal("N6", "2026-10-19T09:00:00Z", "Low", Duration.ofMinutes(90), true);
		emergency("E2", "2026-10-23T09:00:00Z", false);
		// week 44
		normal("N7", "2026-10-26T09:00:00Z", "Medium", Duration.ofMinutes(90), true);
		ProcessInstance lateClosure = deployed("N8", "2026-10-27T09:00:00Z", "Low", Duration.ofMinutes(90));
		verify(lateClosure, start("N8").plus(Duration.ofHours(5)), true);
		reviewed("N9", "2026-10-29T09:00:00Z", "Low");
		// the next week: N8 is closed, N10 booked for Wednesday
		close(lateClosure, Instant.parse("2026-11-02T08:00:00Z"));
		ProcessInstance ahead = requested("N10", "2026-11-02T09:00:00Z", "Low", Instant.parse("2026-11-04T09:00:00Z"));
		at(start("N10").plus(HOUR));
		changes.approvedByReviewers(ahead);
		cabApproves(ahead, NOW);
		assertThat(changes.step(ahead)).isWaitingAt("WaitForSlot");
		return this;
	}

	void end() {
		changes.end();
		emergencies.end();
	}

	private void normal(String name, String requested, String risk, Duration approvalToDeployment,
			boolean success) {
		ProcessInstance change = deployed(name, requested, risk, approvalToDeployment);
		Instant verified = start(name).plus(Duration.ofHours(3)).plus(approvalToDeployment).plus(HALF_HOUR);
		verify(change, verified, success);
		close(change, verified.plus(HOUR));
	}

	// a failed verification is rolled back 30 minutes later, so its closure comes an hour after it too
	private void verify(ProcessInstance change, Instant at, boolean success) {
		at(at);
		changes.complete(change, "implementers", "heidi", Map.of("verificationResult", success ? "success" : "failed",
				"verificationNotes", success ? "Pages render" : "Pages broken"));
		if (!success) {
			at(at.plus(HALF_HOUR));
			changes.complete(change, "implementers", "leo",
					Map.of("rollbackNotes", "Restored the previous bundle", "postMortem", "Broken links"));
		}
	}

	private void close(ProcessInstance change, Instant at) {
		at(at);
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));
		assertThat(change).isEnded();
	}

	/** Approved at T+3h, its slot opens at T+4h, deployed {@code approvalToDeployment} after the approval. */
	private ProcessInstance deployed(String name, String requested, String risk, Duration approvalToDeployment) {
		Instant start = Instant.parse(requested);
		ProcessInstance change = reviewed(name, requested, risk);
		Instant approved = start.plus(Duration.ofHours(3));
		cabApproves(change, approved);
		changes.runTimersDueBy(change, start.plus(Duration.ofHours(4)));
		at(approved.plus(approvalToDeployment));
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed " + name));
		return change;
	}

	/** Requested at T for a slot at T+4h, approved by its reviewer at T+1h. */
	private ProcessInstance reviewed(String name, String requested, String risk) {
		Instant start = Instant.parse(requested);
		ProcessInstance change = this.requested(name, requested, risk, start.plus(Duration.ofHours(4)));
		at(start.plus(HOUR));
		return changes.approvedByReviewers(change);
	}

	private ProcessInstance requested(String name, String requested, String risk, Instant slot) {
		at(Instant.parse(requested));
		ProcessInstance change = changes.request("alice", Map.of("title", name + ": update the runbook", "riskLevel",
				risk, "changeType", "documentation", "requestedDate", slot.toString()));
		ids.put(name, change.getBusinessKey());
		starts.put(name, Instant.parse(requested));
		return change;
	}

	private void cabApproves(ProcessInstance change, Instant at) {
		at(at);
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");
		changes.continueAsync(change);
	}

	private void emergency(String name, String declared, boolean success) {
		Instant start = Instant.parse(declared);
		at(start);
		ProcessInstance change = emergencies.declare("olivia", Map.of("title", name + ": patch the node", "incident",
				"INC-" + name));
		ids.put(name, change.getBusinessKey());
		at(start.plus(HOUR));
		emergencies.complete(change, "ImplementChange", "heidi", Map.of("implementationNotes", "Rolled out 4.2.1"));
		at(start.plus(HOUR).plus(HALF_HOUR));
		emergencies.complete(change, "VerifyChange", "leo", Map.of("verificationResult",
				success ? "success" : "failed", "verificationNotes", success ? "Blocks finalise" : "Sync breaks"));
		Instant done = start.plus(Duration.ofHours(2));
		if (!success) {
			at(done);
			emergencies.complete(change, "RollBackChange", "leo",
					Map.of("rollbackNotes", "Back to 4.2.0", "postMortem", "Fix breaks sync"));
			done = done.plus(HALF_HOUR);
		}
		at(done);
		emergencies.document(change, "heidi", "Rolled out and verified", true);
		at(start.plus(Duration.ofHours(4)));
		emergencies.approve(change, "cab-engineering-lead", "ivan");
		at(start.plus(Duration.ofHours(5)));
		emergencies.complete(change, "ReviewEmergencyChange", "olivia", EmergencyChanges.review(false));
		at(start.plus(Duration.ofHours(6)));
		emergencies.complete(change, "CloseChange", "leo", Map.of());
		assertThat(change).isEnded();
	}

	private Instant start(String name) {
		return starts.get(name);
	}

	private static void at(Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
	}

}
