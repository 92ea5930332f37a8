package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: two nodes, each the packaged app in a JVM of its own, on one PostgreSQL database (Camunda's homogeneous
 * cluster, no coordination of our own) take 500 automated standard changes from request to closure. Each change
 * passes async steps and a slot timer, which either node's job executor may run. Nothing may be lost or doubled.
 * Needs PostgreSQL; runs under failsafe after the jar is packaged.
 */
class ClusterTests {

	static final int CHANGES = 500;

	private static Cluster cluster;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		cluster = new Cluster("cluster");
		// one after the other, as docker-compose.yml starts them: the first migrates, the second finds it done
		cluster.start("node-a");
		cluster.start("node-b");
	}

	@AfterAll
	static void stopNodes() throws Exception {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void fiveHundredChangesOnTwoNodesRunEveryJobOnceAndLoseNothing() throws Exception {
		var driver = new StandardChangeDriver(cluster::nodes, "cluster");

		List<String> ids = Cluster.drive(driver, CHANGES);

		cluster.assertNothingLostOrDoubled(ids, List.of("node-a", "node-b"));
		cluster.assertAuditTrailVerifies();
		assertThat(driver.failovers).as("calls repeated on the other node").hasValue(0);
	}

	/** The load balancer keeps a webapp login on its node by the route at the end of the session id (NodeRoute). */
	@Test
	void aWebappSessionIdNamesItsNode() {
		for (AppNode node : cluster.nodes()) {
			var page = node.api().get(null, "/camunda/app/tasklist/default/");

			assertThat(page.headers().allValues("Set-Cookie")).as(node.name())
				.anySatisfy(cookie -> assertThat(cookie).matches("JSESSIONID=[0-9A-F]+\\." + node.name() + ";.*"));
		}
	}

}
