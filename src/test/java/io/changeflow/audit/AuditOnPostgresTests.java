package io.changeflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.changeflow.AppOnPostgresTest;
import io.changeflow.PostgresDatabase;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain's locking on PostgreSQL ({@link PostgresDatabase}): writers that start the same chain at the same moment
 * and then keep appending leave one gap-free chain, writers of other changes are not held up, and an edit with plain
 * SQL is found; a period's change history reads the trails active in it.
 */
@AppOnPostgresTest
class AuditOnPostgresTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeHistory history;

	@Test
	void writersStartingAndGrowingOneChainTogetherLeaveNoGap() throws Exception {
		String shared = "PG-SHARED-" + System.nanoTime();
		String other = "PG-OTHER-" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		var start = new CountDownLatch(1);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int i = 0; i < 160; i++) {
				String subject = (i % 4 == 3) ? other + "-" + i : shared;
				int n = i;
				writes.add(pool.submit(() -> {
					start.await();
					return trail.append(AuditRecord.of(subject, "test.recorded", null, Map.of("n", n)));
				}));
			}
			start.countDown();
			for (Future<?> write : writes) {
				write.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(trail.trail(shared)).extracting(AuditEntry::seq)
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 120).boxed().toList());
		assertThat(verifier.verify(shared).intact()).isTrue();

		jdbc.sql("update cf_audit_event set actor = 'mallory' where chain_id = ? and seq = 60").param(shared).update();
		assertThat(verifier.verify(shared).firstBroken()).extracting(AuditVerifier.Broken::seq,
				AuditVerifier.Broken::problem)
			.containsExactly(60, "row 60 was changed: its content no longer matches its hash");
		// the whole-trail verification names the same link; leave the database verifiable for the next run
		assertThat(verifier.verify(null).firstBroken().chainId()).isEqualTo(shared);
		jdbc.sql("update cf_audit_event set actor = null where chain_id = ? and seq = 60").param(shared).update();
		assertThat(verifier.verify(shared).intact()).isTrue();
	}

	@Test
	void theHistoryOfAPeriodReadsTheTrailsActiveInIt() {
		// a second of its own, far ahead: the database keeps every earlier run's rows
		Instant requested = Instant.parse("2040-01-01T00:00:00Z").plusSeconds(System.currentTimeMillis() % 300_000_000L);
		String changeId = "PG-HISTORY-" + System.nanoTime();
		try {
			ClockUtil.setCurrentTime(Date.from(requested));
			trail.append(AuditRecord.of(changeId, "change.requested", "alice",
					AuditRecord.details("changeCategory", "normal", "riskLevel", "High")));
			ClockUtil.setCurrentTime(Date.from(requested.plusMillis(500)));
			trail.append(AuditRecord.of(changeId, "phase.changed", "carol",
					AuditRecord.details("from", "requested", "to", "in-review", "category", "normal")));
		}
		finally {
			ClockUtil.reset();
		}

		assertThat(history.activeBetween(requested.plusMillis(500), requested.plusSeconds(1))).singleElement()
			.satisfies(change -> {
				assertThat(change.changeId()).isEqualTo(changeId);
				assertThat(change.requestedAt()).isEqualTo(requested);
				assertThat(change.risk()).isEqualTo("high");
				assertThat(change.phases()).containsExactly(
						new ChangeFacts.PhaseSpan("requested", requested, requested.plusMillis(500)),
						new ChangeFacts.PhaseSpan("in-review", requested.plusMillis(500), null));
			});
		assertThat(history.activeBetween(requested.minusSeconds(1), requested)).isEmpty();
	}

}
