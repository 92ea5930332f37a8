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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;

import io.changeflow.PostgresDatabase;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.ChangeApiTests;
import io.changeflow.system.AppNode;
import io.changeflow.system.AppNode.Launch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 10's benchmark: the packaged app on a fresh PostgreSQL database, measured side by side with bare Camunda in
 * the same app (process {@code bench-baseline}: a start and one user task, deployed only here). Writes
 * {@code results.json} and {@code results.md} to the output directory. Timings are reported, never asserted.
 */
final class Benchmark {

	/**
	 * @param operations per scenario and client count, after a warm-up of a tenth of it
	 * @param lifecycles normal changes driven to closure per client count, after a warm-up of a tenth of it
	 * @param inboxSizes open tasks the approver inbox is measured at
	 * @param auditClients clients of the audit on/off comparison
	 */
	record Settings(String name, int operations, int lifecycles, List<Integer> clients, List<Integer> inboxSizes,
			int inboxQueries, int auditClients) {

		static Settings smoke() {
			return new Settings("smoke", 20, 2, List.of(1, 2), List.of(60), 10, 2);
		}

		static Settings full() {
			return new Settings("full", 1000, 100, List.of(1, 8, 32), List.of(1000, 10000, 20000), 200, 8);
		}

	}

	private final Settings settings;

	private final Map<String, Object> results = new LinkedHashMap<>();

	// the node of the scenario running now; the heap sampler reads it from its own thread
	private volatile AppNode node;

	private JdbcClient database;

	Benchmark(Settings settings) {
		this.settings = settings;
	}

	/** @return where the results are */
	Path run(Path out) throws Exception {
		results.put("settings", settings);
		ScheduledExecutorService heapSampler = Executors.newSingleThreadScheduledExecutor();
		var heapPeak = new DoubleAccumulator(Math::max, 0);
		heapSampler.scheduleWithFixedDelay(() -> {
			try {
				heapPeak.accumulate(heapUsedMegabytes());
			}
			catch (RuntimeException ex) {
				// no node right now, or a sample that timed out under load: the next one follows a second later
			}
		}, 0, 1, TimeUnit.SECONDS);
		try {
			onFreshNode("bench", Launch.packagedJar(), List.of(), this::measureInboxAndCreates);
			onFreshNode("bench-lifecycle", Launch.packagedJar(), List.of(), startupSeconds -> measureLifecycles());
			measureAuditCost();
			results.put("heapPeakMegabytes", heapPeak.get());
		}
		finally {
			heapSampler.shutdownNow();
		}
		measureImageStartup(out);
		Files.createDirectories(out);
		ApiCalls.JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("results.json").toFile(), results);
		Files.writeString(out.resolve("results.md"), BenchmarkReport.markdown(results));
		return out;
	}

	private void measureInboxAndCreates(double startupSeconds) throws Exception {
		results.put("startupSeconds", startupSeconds);
		deployBaseline();
		// first: the creates leave their review tasks open, and the inbox starts at 1,000
		measureInbox();
		measureCreates();
		results.put("heapUsedMegabytes", heapUsedMegabytes());
	}

	/** The same lifecycles and creates on two fresh databases, with the audit trail and without it. */
	private void measureAuditCost() throws Exception {
		int clients = settings.auditClients();
		var sides = new LinkedHashMap<String, Object>();
		sides.put("clients", clients);
		for (boolean audit : List.of(true, false)) {
			onFreshNode("bench-audit-" + audit, Launch.packagedJar(), List.of("--changeflow.audit.enabled=" + audit),
					startupSeconds -> {
				var side = new LinkedHashMap<String, Object>();
				side.put("lifecycle", measure(clients, settings.lifecycles(), new NormalLifecycle(node.api())::run));
				side.put("createChange", measure(clients, settings.operations(), this::createChange));
				sides.put(audit ? "auditOn" : "auditOff", side);
			});
		}
		results.put("audit", sides);
	}

	/**
	 * Startup as the production image starts: the jar extracted as the Dockerfile does, with the class data sharing
	 * archive its build trains (deploy/image/train-class-data.sh), on a fresh database.
	 */
	private void measureImageStartup(Path out) throws Exception {
		Path image = Files.createDirectories(out).resolve("image").toAbsolutePath();
		FileSystemUtils.deleteRecursively(image);
		Path jar = Files.copy(Path.of(System.getProperty("changeflow.jar")), out.resolve("changeflow.jar"),
				StandardCopyOption.REPLACE_EXISTING);
		command(AppNode.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", image.toString());
		command("bash", Path.of("deploy", "image", "train-class-data.sh").toString(), image.toString());
		// relative paths, as in the image: the archive holds the class path it was trained with
		var launch = new Launch(image, List.of("-XX:SharedArchiveFile=changeflow.jsa", "-jar", "changeflow.jar"));
		onFreshNode("bench-image", launch, List.of(), startupSeconds -> results.put("imageStartupSeconds",
				startupSeconds));
	}

	private static void command(String... command) throws IOException, InterruptedException {
		Path log = Files.createDirectories(Path.of("target", "nodes")).resolve("bench-image-build.log");
		var process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
		}
	}

	/**
	 * Runs the work on the app on a fresh database, then stops the app and drops the database.
	 * @param arguments the app's, besides the database
	 */
	private void onFreshNode(String name, Launch launch, List<String> arguments, NodeWork work) throws Exception {
		String url = PostgresDatabase.fresh(name);
		database = PostgresDatabase.jdbc(url);
		var all = new ArrayList<>(AppNode.onPostgres(url));
		all.addAll(AppNode.holidayFreezeAway());
		// a lifecycle's slot starts when its CAB is done, not hours later (see NormalLifecycle)
		all.add("--changeflow.policy.any-time-slot=PT1S");
		all.addAll(arguments);
		long started = System.nanoTime();
		node = AppNode.start(name, launch, all);
		try {
			work.run((System.nanoTime() - started) / 1e9);
		}
		finally {
			node.stop();
			PostgresDatabase.drop(url);
		}
	}

	private interface NodeWork {

		void run(double startupSeconds) throws Exception;

	}

	// bare Camunda's start vs POST /api/changes, with what each costs the database
	private void measureCreates() throws Exception {
		var rows = new ArrayList<Map<String, Object>>();
		for (int clients : settings.clients()) {
			var bare = measure(clients, settings.operations(), this::bareStart);
			var change = measure(clients, settings.operations(), this::createChange);
			var row = new LinkedHashMap<String, Object>();
			row.put("clients", clients);
			row.put("bareStart", bare);
			row.put("createChange", change);
			row.put("ratio", ((Load.Stats) change.get("stats")).perSecond() / ((Load.Stats) bare.get("stats")).perSecond());
			rows.add(row);
		}
		results.put("create", rows);
	}

	/**
	 * Normal changes driven from request to closure vs bare starts on the same node: each of the lifecycle's
	 * {@link NormalLifecycle#STEPS} steps may cost 1.4 bare starts (issue 10). The lifecycles go first: they leave no
	 * open task, the bare starts leave one each.
	 */
	private void measureLifecycles() throws Exception {
		deployBaseline();
		var lifecycle = new NormalLifecycle(node.api());
		var lifecycles = new ArrayList<Map<String, Object>>();
		for (int clients : settings.clients()) {
			lifecycles.add(measure(clients, settings.lifecycles(), lifecycle::run));
		}
		var rows = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < settings.clients().size(); i++) {
			int clients = settings.clients().get(i);
			var bare = measure(clients, settings.operations(), this::bareStart);
			var row = new LinkedHashMap<String, Object>();
			row.put("clients", clients);
			row.put("bareStart", bare);
			row.put("lifecycle", lifecycles.get(i));
			row.put("ratio", ((Load.Stats) lifecycles.get(i).get("stats")).perSecond() * NormalLifecycle.STEPS
					/ ((Load.Stats) bare.get("stats")).perSecond());
			rows.add(row);
		}
		results.put("lifecycle", rows);
		results.put("lifecycleCompletionsTriedAgain", lifecycle.conflicts.get());
	}

	/**
	 * A reviewer's open tasks, authorizations on: as Tasklist asks Camunda for them, and from our inbox API, side by
	 * side at each size.
	 */
	private void measureInbox() throws Exception {
		var rows = new ArrayList<Map<String, Object>>();
		for (int size : settings.inboxSizes()) {
			int open = openTasks();
			if (open < size) {
				Load.run(16, size - open, this::bareStart);
			}
			// as autovacuum would have by now: the planner sees how many grants and tasks there are
			database.sql("analyze").update();
			int openTasks = openTasks();
			for (int clients : settings.clients()) {
				var row = new LinkedHashMap<String, Object>();
				row.put("openTasks", openTasks);
				row.put("clients", clients);
				row.put("tasklist", measureQueries(clients, this::tasklistQuery));
				row.put("inboxApi", measureQueries(clients, this::inboxApiQuery));
				rows.add(row);
			}
		}
		results.put("inbox", rows);
	}

	// bare Camunda: the baseline's start, as a requester
	private Object bareStart() {
		return expect(200,
				node.api().post("alice", "/engine-rest/process-definition/key/bench-baseline/start", Map.of()));
	}

	private Object createChange() {
		return expect(201, node.api().post("alice", "/api/changes", ChangeApiTests.normalRequest()));
	}

	private Load.Stats measureQueries(int clients, Callable<?> query) throws Exception {
		Load.run(clients, settings.inboxQueries() / 10 + 1, query);
		return Load.run(clients, settings.inboxQueries(), query);
	}

	private Object tasklistQuery() {
		return expect(200, node.api().get("carol",
				"/engine-rest/task?candidateUser=carol&includeAssignedTasks=true&sortBy=created&sortOrder=desc"
						+ "&firstResult=0&maxResults=50"));
	}

	private Object inboxApiQuery() {
		return expect(200, node.api().get("carol", "/api/inbox?limit=50"));
	}

	/** Throughput and latency after a warm-up of a tenth, and what each operation adds to the database. */
	private Map<String, Object> measure(int clients, int operations, Callable<?> operation) throws Exception {
		Load.run(clients, Math.max(1, operations / 10), operation);
		long rows = rows();
		long transactions = nextTransactionId();
		var stats = Load.run(clients, operations, operation);
		var measured = new LinkedHashMap<String, Object>();
		measured.put("stats", stats);
		measured.put("rowsAddedPerOperation", (double) (rows() - rows) / operations);
		measured.put("writeTransactionsPerOperation", (double) (nextTransactionId() - transactions) / operations);
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
