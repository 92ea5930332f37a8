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
		md.append(String.format(Locale.ROOT,
				"Startup to ready on an empty database: %.1f s as the production image starts (extracted jar, class data"
						+ " sharing archive), %.1f s with java -jar. Heap used: at most %.0f MB during the run (each"
						+ " node, sampled every second), %.0f MB after the inbox and create scenarios.%n%n",
				results.get("imageStartupSeconds"), results.get("startupSeconds"), results.get("heapPeakMegabytes"),
				results.get("heapUsedMegabytes")));
		md.append("## Normal lifecycle vs bare Camunda start (target: lifecycles/s × 7 steps ≥ 0.7× the bare rate)\n\n");
		sideBySide(md, (List<Map<String, Object>>) results.get("lifecycle"), "lifecycle", "lifecycles");
		md.append("## Create a change vs bare Camunda start (target ≥ 0.8×)\n\n");
		sideBySide(md, (List<Map<String, Object>>) results.get("create"), "createChange", "create change");
		md.append("## Audit trail on vs off, fresh database each (target ≤ 10 % slower)\n\n");
		var audit = (Map<String, Object>) results.get("audit");
		md.append("| scenario (" + audit.get("clients") + " clients) | on /s | p50 | p95 | rows | off /s | p50 | p95 | rows |"
				+ " slower by |\n|---|---|---|---|---|---|---|---|---|---|\n");
		for (String scenario : List.of("lifecycle", "createChange")) {
			md.append("| ").append(scenario);
			double[] rates = new double[2];
			int side = 0;
			for (String switched : List.of("auditOn", "auditOff")) {
				var measured = (Map<String, Object>) ((Map<String, Object>) audit.get(switched)).get(scenario);
				var stats = (Load.Stats) measured.get("stats");
				rates[side++] = stats.perSecond();
				md.append(String.format(Locale.ROOT, " | %s | %.1f | %.1f | %.1f", stats.rate(), stats.p50Ms(),
						stats.p95Ms(), measured.get("rowsAddedPerOperation")));
			}
			md.append(String.format(Locale.ROOT, " | %.0f %% |%n", 100 * (1 - rates[0] / rates[1])));
		}
		md.append("\n");
		md.append("## Approver inbox (tasks of a reviewer's groups, authorizations on; target p95 < 50 ms at 20k)\n\n");
		md.append("| open tasks | clients | Tasklist's query /s | p50 | p95 | p99 | /api/inbox /s | p50 | p95 | p99 |\n"
				+ "|---|---|---|---|---|---|---|---|---|---|\n");
		for (var row : (List<Map<String, Object>>) results.get("inbox")) {
			md.append("| ").append(row.get("openTasks")).append(" | ").append(row.get("clients"));
			for (String query : List.of("tasklist", "inboxApi")) {
				var stats = (Load.Stats) row.get(query);
				md.append(String.format(Locale.ROOT, " | %s | %.1f | %.1f | %.1f", stats.rate(), stats.p50Ms(),
						stats.p95Ms(), stats.p99Ms()));
			}
			md.append(" |\n");
		}
		return md.toString();
	}

	@SuppressWarnings("unchecked")
	private static void sideBySide(StringBuilder md, List<Map<String, Object>> rows, String side, String label) {
		md.append("| clients | bare start /s | p50 | p95 | p99 | rows | tx | " + label + " /s | p50 | p95 | p99 | rows |"
				+ " tx | ratio |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (var row : rows) {
			md.append("| ").append(row.get("clients"));
			for (String measuredSide : List.of("bareStart", side)) {
				var measured = (Map<String, Object>) row.get(measuredSide);
				var stats = (Load.Stats) measured.get("stats");
				md.append(String.format(Locale.ROOT, " | %s | %.1f | %.1f | %.1f | %.1f | %.1f", stats.rate(),
						stats.p50Ms(), stats.p95Ms(), stats.p99Ms(), measured.get("rowsAddedPerOperation"),
						measured.get("writeTransactionsPerOperation")));
			}
			md.append(String.format(Locale.ROOT, " | %.2f× |%n", row.get("ratio")));
		}
		md.append("\nLatencies in ms; rows = rows the database grew by per operation (counted), tx = write transactions"
				+ " per operation (transaction ids taken).\n\n");
	}

}
