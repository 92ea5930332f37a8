package io.changeflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.changeflow.PostgresDatabase;
import io.changeflow.change.ApiCalls;
import io.changeflow.system.AppNode;
import org.junit.jupiter.api.Test;

/**
 * Runs the benchmark: {@code ./mvnw -Pbench verify} the full one (system property {@code changeflow.bench=full}),
 * every {@code ./mvnw verify} a smoke size that only keeps the harness working. Results in {@code target/bench/}.
 * Nothing here asserts a timing. Needs PostgreSQL and the packaged jar (failsafe).
 */
class BenchmarkRun {

	@Test
	void measuresAndWritesTheResults() throws Exception {
		PostgresDatabase.require();
		AppNode.requireJar();
		boolean full = "full".equals(System.getProperty("changeflow.bench"));

		Path out = new Benchmark(full ? Benchmark.Settings.full() : Benchmark.Settings.smoke())
			.run(Path.of("target", "bench"));

		assertThat(out.resolve("results.json")).content()
			.contains("\"lifecycle\"", "\"create\"", "\"inbox\"", "\"audit\"", "\"startupSeconds\"",
					"\"imageStartupSeconds\"", "\"heapPeakMegabytes\"");
		assertThat(out.resolve("results.md")).content().contains("| 1 |", "ratio");
		// the full size reports what an overloaded app refused; at the smoke size a failure is a broken harness or app
		if (!full) {
			assertThat(ApiCalls.JSON.readTree(out.resolve("results.json").toFile()).findValues("failed"))
				.as("failed operations").allSatisfy(failed -> assertThat(failed.asInt()).isZero());
		}
	}

}
