package io.changeflow.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention with the engine clock moved years ahead: deployment logs go after one year, the rest after three, each
 * chain as a whole; a running change keeps its trail; what remains, and every anchor, still verifies; and Camunda's
 * own history cleanup removes the process history after its time to live. Own database: a purge would take other
 * test classes' trails with it.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:retention;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
@ActiveProfiles({ "test", "demo" })
class AuditRetentionTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	AuditRetention retention;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

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
	void chainsArePurgedWholeByRetentionClassAndTheRestStillVerifies() {
		ProcessInstance closed = changes.clearedToImplement(Map.of("changeType", "documentation"));
		changes.complete(closed, "implementers", "leo", Map.of("implementationNotes", "Deployed docs v2"));
		changes.complete(closed, "implementers", "heidi",
				Map.of("verificationResult", "success", "verificationNotes", "Pages render"));
		changes.complete(closed, "implementers", "leo", Map.of("lessonsLearned", "none"));
		String closedId = closed.getBusinessKey();
		Instant closedAt = Instant.parse("2026-12-01T00:00:05Z");
		ProcessInstance running = changes.request("bob", Map.of("changeType", "documentation"));
		String runningId = running.getBusinessKey();
		assertThat(chains(closedId)).containsExactlyInAnyOrder(closedId, closedId + "/deployment");

		moveClockTo(years(closedAt, 1).minus(Duration.ofDays(1)));
		retention.purge();
		assertThat(chains(closedId)).containsExactlyInAnyOrder(closedId, closedId + "/deployment");

		// a year and a day later: the deployment logs are gone, the records stay
		moveClockTo(years(closedAt, 1).plus(Duration.ofDays(1)));
		assertThat(retention.purge()).isPositive();
		assertThat(chains(closedId)).containsExactly(closedId);
		assertThat(trail.trail(closedId)).extracting(AuditEntry::type)
			.startsWith("change.requested")
			.doesNotContain("gate.changed");
		assertThat(chains(runningId)).contains(runningId + "/deployment");
		assertThat(verifier.verify(null).firstBroken()).isNull();

		// three years and a day later: the whole trail of the closed change is gone, only its tombstones remain
		moveClockTo(years(closedAt, 3).plus(Duration.ofDays(1)));
		assertThat(retention.purge()).isPositive();
		assertThat(trail.trail(closedId)).isEmpty();
		assertThat(jdbc.sql("select chain_id from cf_audit_purge where change_id = ?").param(closedId)
			.query(String.class)
			.list()).containsExactlyInAnyOrder(closedId, closedId + "/deployment");
		assertThat(chains(runningId)).containsExactlyInAnyOrder(runningId, runningId + "/deployment");
		var verification = verifier.verify(null);
		assertThat(verification.firstBroken()).isNull();
		assertThat(verification.anchors()).isPositive();
	}

	@Test
	void camundaHistoryCleanupRemovesAChangesHistoryAfterThreeYears() {
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
		ProcessInstance change = changes.request("alice", Map.of("changeType", "documentation"));
		changes.decide(change, "reviewers", "carol", "reject", "No rollback plan");
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(change.getId()).finished().count())
			.isOne();

		moveClockTo(years(Changes.NOW, 3).plus(Duration.ofDays(2)));
		var cleanup = history.cleanUpHistoryAsync(true);
		management.executeJob(cleanup.getId());

		assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(change.getId()).count()).isZero();
	}

	private void moveClockTo(Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
	}

	private static Instant years(Instant from, int years) {
		return from.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
	}

	private List<String> chains(String changeId) {
		return jdbc.sql("select chain_id from cf_audit_chain where change_id = ?").param(changeId)
			.query(String.class)
			.list();
	}

}
