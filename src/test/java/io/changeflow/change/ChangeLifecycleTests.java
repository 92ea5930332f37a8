package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.changeflow.AppTest;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The registry follows the engine: every phase a change enters and every turn of its gate is recorded and announced,
 * in the transaction of the step that caused it.
 */
@AppTest
@RecordApplicationEvents
class ChangeLifecycleTests {

	static final String COMMIT = ChangeApiTests.COMMIT;

	static final Instant SLOT = Instant.parse("2026-12-01T00:00:00Z");

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeRegistry registry;

	@Autowired
	ChangeLifecycle lifecycle;

	@Autowired
	ChangeGate gate;

	@Autowired
	FreezeRegistry freezes;

	@Autowired
	ApplicationEvents events;

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
	void aNormalChangeGoesThroughEveryPhaseAndItsGateOpensOnlyInItsSlot() {
		ProcessInstance change = inSlot();
		String id = change.getBusinessKey();
		assertThat(id).matches("CHG-2026-\\d{4}");
		assertThat(record(id).slotStart()).isEqualTo(SLOT);
		assertThat(gates(id)).extracting(GateChanged::state)
			.containsSubsequence(GateState.AWAITING, GateState.ALLOWED);
		GateChanged allowed = gates(id).get(gates(id).size() - 1);
		assertThat(allowed.until()).isEqualTo(record(id).slotEnd());
		assertThat(allowed.environment()).isEqualTo("production");

		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed"));
		assertThat(record(id).gateState()).isEqualTo(GateState.EXPIRED);
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "success", "verificationNotes", "Dashboards green"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));

		assertThat(phases(id)).containsExactly(ChangePhase.REQUESTED, ChangePhase.IN_REVIEW, ChangePhase.AWAITING_CAB,
				ChangePhase.SCHEDULED, ChangePhase.IMPLEMENTING, ChangePhase.VERIFYING, ChangePhase.CLOSING,
				ChangePhase.CLOSED);
		ChangeRecord closed = record(id);
		assertThat(closed.outcome()).isEqualTo("Change closed");
		assertThat(closed.successful()).isTrue();
		assertThat(closed.closedAt()).isNotNull();
		assertThat(events.stream(ChangePhaseChanged.class).filter(e -> e.changeId().equals(id))
			.reduce((first, last) -> last).orElseThrow().outcome()).isEqualTo("Change closed");
	}

	@Test
	void aFreezeDuringTheSlotPreventsTheDeploymentAndTheSlotsEndExpiresIt() {
		ProcessInstance change = inSlot();
		String id = change.getBusinessKey();
		Instant now = SLOT.plusSeconds(60);
		freezes.declare(new DeclareFreeze("Datacenter move", "Power work", now, now.plusSeconds(3600),
				Set.of("changeflow"), Set.of("production")), "demo");
		ClockUtil.setCurrentTime(Date.from(now.plusSeconds(1)));

		lifecycle.recheckGates();
		assertThat(record(id).gateState()).isEqualTo(GateState.PREVENTED);
		assertThat(last(id).reason()).contains("Datacenter move");

		ClockUtil.setCurrentTime(Date.from(record(id).slotEnd()));
		lifecycle.recheckGates();
		assertThat(last(id).state()).isEqualTo(GateState.EXPIRED);
		assertThat(last(id).reason()).startsWith("The slot ended at");
	}

	@Test
	void aRolledBackChangeClosesUnsuccessful() {
		ProcessInstance change = inSlot();
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "failed", "verificationNotes", "Errors spiked"));
		assertThat(record(change.getBusinessKey()).phase()).isEqualTo(ChangePhase.VERIFYING);
		changes.complete(change, "implementers", "leo",
				Map.of("rollbackNotes", "Reverted", "postMortem", "Config typo"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "Lint the config"));

		ChangeRecord closed = record(change.getBusinessKey());
		assertThat(closed.phase()).isEqualTo(ChangePhase.CLOSED);
		assertThat(closed.outcome()).isEqualTo("Change rolled back");
		assertThat(closed.successful()).isFalse();
	}

	@Test
	void aRejectedChangeIsClosedAndItsGateExpired() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "application-code", "commitSha", COMMIT));
		changes.decide(change, "reviewers", "carol", "reject", "No rollback tested");

		ChangeRecord closed = record(change.getBusinessKey());
		assertThat(closed.phase()).isEqualTo(ChangePhase.CLOSED);
		assertThat(closed.outcome()).isEqualTo("Change rejected in review");
		assertThat(closed.gateState()).isEqualTo(GateState.EXPIRED);
	}

	@Test
	void aStandardChangeConvertedToNormalStaysOpenUnderItsId() {
		ProcessInstance standard = changes.requestStandard("alice", Map.of("toVersion", "1.1.0"));
		String id = standard.getBusinessKey();

		assertThat(standard).isEnded().hasPassed("ConvertedToNormalChange");
		ChangeRecord converted = record(id);
		assertThat(converted.category()).isEqualTo("normal");
		assertThat(converted.phase()).isEqualTo(ChangePhase.REQUESTED);
		assertThat(converted.processInstanceId()).isNotEqualTo(standard.getId());
		assertThat(phases(id)).doesNotContain(ChangePhase.CLOSED);
	}

	@Test
	void aStandardChangeRehearsingInStagingIsNotAllowedInProduction() {
		ProcessInstance change = changes.requestStandard("alice", Map.of("commitSha", COMMIT));
		assertThat(change).isWaitingAt("VerifyInStaging");
		ChangeRecord rehearsing = record(change.getBusinessKey());

		assertThat(rehearsing.phase()).isEqualTo(ChangePhase.IMPLEMENTING);
		assertThat(rehearsing.deployingTo()).isEqualTo("staging");
		assertThat(gate.decide(rehearsing, "production", COMMIT).state()).isEqualTo(GateState.AWAITING);
		assertThat(gate.decide(rehearsing, "production", COMMIT).reason()).isEqualTo("Implementing in staging first");
	}

	// approved by review and CAB, scheduled for Dec 1, and its slot reached
	private ProcessInstance inSlot() {
		ProcessInstance change = changes.approvedByReviewers(changes.request("alice", Map.of("commitSha", COMMIT)));
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");
		assertThat(changes.step(change)).isWaitingAt("ScheduleChange");
		execute(job());
		assertThat(record(change.getBusinessKey()).gateState()).isEqualTo(GateState.AWAITING);
		assertThat(last(change.getBusinessKey()).until()).isEqualTo(SLOT);
		ClockUtil.setCurrentTime(Date.from(SLOT.plusSeconds(5)));
		assertThat(changes.step(change)).isWaitingAt("WaitForSlot");
		execute(job());
		assertThat(changes.step(change)).isWaitingAt("ImplementChange");
		assertThat(record(change.getBusinessKey()).gateState()).isEqualTo(GateState.ALLOWED);
		return change;
	}

	private ChangeRecord record(String id) {
		return registry.find(id).orElseThrow();
	}

	private List<ChangePhase> phases(String id) {
		return events.stream(ChangePhaseChanged.class).filter(e -> e.changeId().equals(id))
			.map(ChangePhaseChanged::phase).toList();
	}

	private List<GateChanged> gates(String id) {
		return events.stream(GateChanged.class).filter(e -> e.changeId().equals(id)).toList();
	}

	private GateChanged last(String id) {
		List<GateChanged> all = gates(id);
		return all.get(all.size() - 1);
	}

}
