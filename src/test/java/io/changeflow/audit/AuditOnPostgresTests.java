package io.changeflow.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.changeflow.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain's locking on PostgreSQL ({@link PostgresDatabase}): writers that start the same chain at the same moment
 * and then keep appending leave one gap-free chain, writers of other changes are not held up, and an edit with plain
 * SQL is found.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({ "postgres", "demo" })
class AuditOnPostgresTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

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

}
