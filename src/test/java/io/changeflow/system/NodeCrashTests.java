package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: one of two nodes is killed with SIGKILL while changes are in flight on both, then started again. What it was
 * doing rolls back with its transactions; the jobs it had locked run elsewhere once their lock expires; calls that
 * failed with it are repeated on the other node. Every change still completes, and nothing is lost or doubled. Needs
 * PostgreSQL; runs under failsafe after the jar is packaged.
 */
class NodeCrashTests {

	private static final int CHANGES = 150;

	private Cluster cluster;

	@AfterEach
	void stopNodes() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void aNodeKilledUnderLoadAndStartedAgainLosesAndDoublesNothing() throws Exception {
		cluster = new Cluster("crash");
		cluster.start("node-a");
		AppNode victim = cluster.start("node-b");
		var driver = new StandardChangeDriver(cluster::nodes, "crash");

		CompletableFuture<List<String>> run = CompletableFuture.supplyAsync(() -> {
			try {
				return Cluster.drive(driver, CHANGES);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		awaitChanges(CHANGES / 3);
		victim.kill();
		long inFlight = cluster.jdbc().sql("select count(*) from cf_change where phase <> 'CLOSED'")
			.query(Long.class)
			.single();
		cluster.start("node-b");
		List<String> ids = run.get(20, TimeUnit.MINUTES);

		assertThat(inFlight).as("changes in flight when the node died").isPositive();
		cluster.assertNothingLostOrDoubled(ids, List.of("node-a", "node-b"));
		cluster.assertAuditTrailVerifies();
		assertThat(driver.failovers).as("calls repeated on the other node").hasPositiveValue();
	}

	private void awaitChanges(int count) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		while (cluster.jdbc().sql("select count(*) from cf_change").query(Long.class).single() < count) {
			assertThat(Instant.now()).as("%d changes requested", count).isBefore(deadline);
			Thread.sleep(200);
		}
	}

}
