package io.changeflow.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.changeflow.PostgresDatabase;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.ChangeApiTests;
import io.changeflow.system.AppNode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 10's benchmark: the packaged app on a fresh PostgreSQL database, measured side by side with bare Camunda in
 * the same app (process {@code bench-baseline}: a start and one user task, deployed only here). Writes
 * {@code results.json} and {@code results.md} to the output directory. Timings are reported, never asserted.
 */
final class Benchmark {

	/**
	 * @param operations per scenario and client count, after a warm-up of a tenth of it
	 * @param inboxSizes open tasks the approver inbox is measured at
	 */
	record Settings(String name, int operations, List<Integer> clients, List<Integer> inboxSizes, int inboxQueries) {

		static Settings smoke() {
			return new Settings("smoke", 20, List.of(1, 2), List.of(60), 10);
		}

		static Settings full() {
			return new Settings("full", 1000, List.of(1, 8, 32), List.of(1000, 10000, 20000), 400);
		}

	}

	private final Settings settings;

	private final Map<String, Object> results = new LinkedHashMap<>();

	private AppNode node;

	private JdbcClient database;

	Benchmark(Settings settings) {
		this.settings = settings;
	}

	/** @return where the results are */
	Path run(Path out) throws Exception {
		String url = PostgresDatabase.fresh("bench");
		database = PostgresDatabase.jdbc(url);
		var arguments = new ArrayList<>(AppNode.onPostgres(url));
		arguments.addAll(AppNode.holidayFreezeAway());
		long started = System.nanoTime();
		node = AppNode.start("bench", arguments);
		results.put("settings", settings);
		results.put("startupSeconds", (System.nanoTime() - started) / 1e9);
		try {
			deployBaseline();
			measureCreates();
			measureInbox();
			results.put("heapUsedMegabytes", heapUsedMegabytes());
		}
		finally {
			node.stop();
			PostgresDatabase.drop(url);
		}
		Files.createDirectories(out);
		ApiCalls.JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("results.json").toFile(), results);
		Files.writeString(out.resolve("results.md"), BenchmarkReport.markdown(results));
		return out;
	}

	// bare Camunda's start vs POST /api/changes, with what each costs the database
	private void measureCreates() throws Exception {
		var rows = new ArrayList<Map<String, Object>>();
		ApiCalls api = node.api();
		for (int clients : settings.clients()) {
			var bare = measure(clients, this::bareStart);
			var change = measure(clients, () -> expect(201, api.post("alice", "/api/changes",
					ChangeApiTests.normalRequest())));
			var row = new LinkedHashMap<String, Object>();
			row.put("clients", clients);
			row.put("bareStart", bare);
			row.put("createChange", change);
			row.put("ratio", ((Load.Stats) change.get("stats")).perSecond() / ((Load.Stats) bare.get("stats")).perSecond());
			rows.add(row);
		}
		results.put("create", rows);
	}

	// the tasks of a reviewer's groups, authorizations on, as Tasklist asks for them
	private void measureInbox() throws Exception {
		var rows = new ArrayList<Map<String, Object>>();
		for (int size : settings.inboxSizes()) {
			int open = openTasks();
			if (open < size) {
				Load.run(16, size - open, this::bareStart);
			}
			var row = new LinkedHashMap<String, Object>();
			row.put("openTasks", openTasks());
			for (int clients : settings.clients()) {
				Load.run(clients, settings.inboxQueries() / 10 + 1, this::inboxQuery);
				row.put("clients" + clients, Load.run(clients, settings.inboxQueries(), this::inboxQuery));
			}
			rows.add(row);
		}
		results.put("inbox", rows);
	}

	// bare Camunda: the baseline's start, as a requester
	private Object bareStart() {
		return expect(200,
				node.api().post("alice", "/engine-rest/process-definition/key/bench-baseline/start", Map.of()));
	}

	private Object inboxQuery() {
		return expect(200, node.api().get("carol",
				"/engine-rest/task?candidateUser=carol&includeAssignedTasks=true&sortBy=created&sortOrder=desc"
						+ "&firstResult=0&maxResults=50"));
	}

	/** Throughput and latency after a warm-up, and what each operation adds to the database. */
	private Map<String, Object> measure(int clients, Callable<?> operation) throws Exception {
		Load.run(clients, Math.max(1, settings.operations() / 10), operation);
		long rows = rows();
		long transactions = nextTransactionId();
		var stats = Load.run(clients, settings.operations(), operation);
		var measured = new LinkedHashMap<String, Object>();
		measured.put("stats", stats);
		measured.put("rowsAddedPerOperation", (double) (rows() - rows) / settings.operations());
		measured.put("writeTransactionsPerOperation",
				(double) (nextTransactionId() - transactions) / settings.operations());
		return measured;
	}

	// counted, not PostgreSQL's statistics, which idle connections report up to 10 s late
	private long rows() {
		return database.sql("select sum((xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I',"
				+ " table_name), false, true, '')))[1]::text::bigint) from information_schema.tables"
				+ " where table_schema = current_schema() and table_type = 'BASE TABLE'")
			.query(Long.class)
			.single();
	}

	// every writing transaction takes the next id; reading this takes none
	private long nextTransactionId() {
		return database.sql("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint").query(Long.class).single();
	}

	private int openTasks() {
		return node.api().get("demo", "/engine-rest/task/count").json().get("count").asInt();
	}

	private double heapUsedMegabytes() {
		String metrics = node.api().get("oscar", "/actuator/prometheus").body();
		return metrics.lines()
			.filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum() / (1024 * 1024);
	}

	// bare Camunda's yardstick, and the requesters' right to start it (as they may start changes)
	private void deployBaseline() throws IOException, InterruptedException {
		String boundary = "bench" + System.nanoTime();
		byte[] model = getClass().getResourceAsStream("/bench/bench-baseline.bpmn").readAllBytes();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbenchmark\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"bench-baseline.bpmn\""
				+ "\r\nContent-Type: application/octet-stream\r\n\r\n";
		var body = new ByteArrayOutputStream();
		body.write(head.getBytes(StandardCharsets.UTF_8));
		body.write(model);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		var deployed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(node.api().baseUrl() + "/engine-rest/deployment/create"))
				.timeout(Duration.ofMinutes(1))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (deployed.statusCode() != 200) {
			throw new IllegalStateException("Deploying the baseline: " + deployed.statusCode() + " " + deployed.body());
		}
		expect(200, node.api().post("demo", "/engine-rest/authorization/create", Map.of("type", 1, "permissions",
				List.of("READ", "CREATE_INSTANCE"), "groupId", "requesters", "resourceType", 6, "resourceId",
				"bench-baseline")));
	}

	private static ApiCalls.Response expect(int status, ApiCalls.Response response) {
		if (response.status() != status) {
			throw new IllegalStateException(response.status() + " " + response.body());
		}
		return response;
	}

}
