package io.changeflow.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as the Markdown table docs/benchmarks.md shows. */
final class BenchmarkReport {

	private BenchmarkReport() {
	}

	@SuppressWarnings("unchecked")
	static String markdown(Map<String, Object> results) {
		var md = new StringBuilder("# changeflow benchmark (" + ((Benchmark.Settings) results.get("settings")).name()
				+ ")\n\n");
		md.append(String.format(Locale.ROOT, "Startup to ready: %.1f s. Heap used after the run: %.0f MB.%n%n",
				results.get("startupSeconds"), results.get("heapUsedMegabytes")));
		md.append("## Create a change vs bare Camunda start (target ≥ 0.8×)\n\n");
		md.append("| clients | bare start /s | p50 | p95 | p99 | rows | tx | create change /s | p50 | p95 | p99 | rows | tx |"
				+ " ratio |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (var row : (List<Map<String, Object>>) results.get("create")) {
			md.append("| ").append(row.get("clients"));
			for (String side : List.of("bareStart", "createChange")) {
				var measured = (Map<String, Object>) row.get(side);
				var stats = (Load.Stats) measured.get("stats");
				md.append(String.format(Locale.ROOT, " | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f", stats.perSecond(),
						stats.p50Ms(), stats.p95Ms(), stats.p99Ms(), measured.get("rowsAddedPerOperation"),
						measured.get("writeTransactionsPerOperation")));
			}
			md.append(String.format(Locale.ROOT, " | %.2f× |%n", row.get("ratio")));
		}
		md.append("\nLatencies in ms; rows = rows the database grew by per operation (counted), tx = write transactions"
				+ " per operation (transaction ids taken).\n\n");
		md.append("## Approver inbox (tasks of a reviewer's groups, authorizations on; target p95 < 50 ms at 20k)\n\n");
		md.append("| open tasks | clients | queries /s | p50 | p95 | p99 |\n|---|---|---|---|---|---|\n");
		for (var row : (List<Map<String, Object>>) results.get("inbox")) {
			row.forEach((key, value) -> {
				if (value instanceof Load.Stats stats) {
					md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f |%n", row.get("openTasks"),
							stats.clients(), stats.perSecond(), stats.p50Ms(), stats.p95Ms(), stats.p99Ms()));
				}
			});
		}
		return md.toString();
	}

}
