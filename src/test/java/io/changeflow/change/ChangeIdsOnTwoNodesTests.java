package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.changeflow.ChangeflowApplication;
import io.changeflow.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two engine nodes on one PostgreSQL database, as in a cluster: parallel creates on both get distinct, gap-free
 * change ids, and a retry that lands on the other node still finds the change the first request opened.
 */
class ChangeIdsOnTwoNodesTests {

	private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();

	@BeforeAll
	static void startTwoNodes() {
		PostgresDatabase.require();
		// one after the other: the first migrates and deploys, the second finds both done
		NODES.add(node("node-a"));
		NODES.add(node("node-b"));
	}

	@AfterAll
	static void stopNodes() {
		NODES.forEach(ConfigurableApplicationContext::close);
	}

	private static ConfigurableApplicationContext node(String name) {
		// as arguments: they win over application.yaml's postgres profile, as on a real node's command line
		return new SpringApplicationBuilder(ChangeflowApplication.class).profiles("postgres", "demo")
			.run("--server.port=0", "--spring.datasource.url=" + PostgresDatabase.URL,
					"--spring.datasource.username=" + PostgresDatabase.USER,
					"--spring.datasource.password=" + PostgresDatabase.PASSWORD,
					// two engines in one JVM need two names; in a real cluster each JVM has its "default"
					"--camunda.bpm.process-engine-name=" + name.replace("-", ""),
					"--camunda.bpm.job-execution.enabled=false", "--changeflow.gate.recheck-every=P1D");
	}

	private static ApiCalls api(int node) {
		return new ApiCalls(((WebServerApplicationContext) NODES.get(node)).getWebServer().getPort());
	}

	@Test
	void parallelCreatesOnTwoNodesGetDistinctGapFreeIds() throws Exception {
		JdbcClient jdbc = NODES.get(0).getBean(JdbcClient.class);
		int year = Integer.parseInt(api(0).post("alice", "/api/changes", ChangeApiTests.normalRequest())
			.json().get("id").asText().substring(4, 8));
		int before = jdbc.sql("select last_number from cf_change_counter where change_year = ?").param(year)
			.query(Integer.class).single();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<CompletableFuture<ApiCalls.Response>> calls = IntStream.range(0, 100)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> api(i % 2).post("alice", "/api/changes",
						ChangeApiTests.with(ChangeApiTests.normalRequest(), "title", "Cluster " + i)), pool))
				.toList();
			var numbers = new ArrayList<Integer>();
			for (var call : calls) {
				var response = call.get();
				assertThat(response.status()).as(response.body()).isEqualTo(201);
				numbers.add(Integer.parseInt(response.json().get("id").asText().substring(9)));
			}
			assertThat(numbers).containsExactlyInAnyOrderElementsOf(
					IntStream.rangeClosed(before + 1, before + 100).boxed().toList());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRetryOnTheOtherNodeReturnsTheSameChange() throws Exception {
		String key = "cluster-" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			var ids = new HashSet<String>();
			List<CompletableFuture<ApiCalls.Response>> calls = IntStream.range(0, 10)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> api(i % 2).post("bob", "/api/changes",
						ChangeApiTests.normalRequest(), "Idempotency-Key", key), pool))
				.toList();
			for (var call : calls) {
				var response = call.get();
				assertThat(response.status()).as(response.body()).isEqualTo(201);
				ids.add(response.json().get("id").asText());
			}
			assertThat(ids).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
