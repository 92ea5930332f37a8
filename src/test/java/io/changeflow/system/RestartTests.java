package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.PostgresDatabase;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.ChangeApiTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the single-node app is stopped (SIGTERM, as a container stop) in the middle of its work and started again,
 * on an H2 file and on PostgreSQL. Every waiting change, task and timer is there again, unchanged, and goes on: the
 * timers fire, the tasks can be worked, the changes whose async steps were running when it stopped reach their end.
 * The stop itself is graceful: afterwards no job is left locked by the stopped node. The PostgreSQL case needs
 * PostgreSQL; both run under failsafe after the jar is packaged.
 */
class RestartTests {

	// a second change on a lane waits this long for its slot: longer than a restart, so its timer outlives it
	private static final Duration SLOT = Duration.ofSeconds(90);

	private static final Map<String, Object> WAITING_LANE = Map.of("service", "heliosdb-lite", "environment",
			"production");

	// the lanes of the changes whose async steps run when the node stops: one change each, no waiting
	private static final List<Map<String, Object>> BUSY_LANES = List.of(
			Map.of("service", "quantumharmony-node", "environment", "production"),
			Map.of("service", "quantumharmony-runtime", "environment", "production"),
			Map.of("service", "changeflow", "environment", "production"),
			Map.of("service", "heliosdb-lite", "environment", "testnet"),
			Map.of("service", "quantumharmony-node", "environment", "testnet"),
			Map.of("service", "quantumharmony-runtime", "environment", "testnet"),
			Map.of("service", "changeflow", "environment", "testnet"));

	@TempDir
	Path directory;

	// side by side with the PostgreSQL case (parallel execution is on for failsafe, pom.xml): each waits for its slot
	@Test
	@Execution(ExecutionMode.CONCURRENT)
	void waitingWorkSurvivesAStopOnAnH2File() throws Exception {
		AppNode.requireJar();
		String url = "jdbc:h2:file:" + directory.resolve("changeflow") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
		stopMidFlowAndStartAgain(url, "sa", "", List.of("--spring.profiles.active=demo",
				"--spring.datasource.url=" + url));
	}

	@Test
	@Execution(ExecutionMode.CONCURRENT)
	void waitingWorkSurvivesAStopOnPostgres() throws Exception {
		PostgresDatabase.require();
		AppNode.requireJar();
		String url = PostgresDatabase.fresh("restart");
		stopMidFlowAndStartAgain(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD,
				AppNode.onPostgres(url));
		PostgresDatabase.drop(url);
	}

	private void stopMidFlowAndStartAgain(String url, String user, String password, List<String> database)
			throws Exception {
		var arguments = new ArrayList<>(database);
		arguments.add("--changeflow.policy.any-time-slot=" + SLOT);
		arguments.addAll(AppNode.holidayFreezeAway());
		var node = new AppNode[] { AppNode.start("restart", arguments) };
		try {
			stopMidFlowAndStartAgain(node, arguments, url, user, password);
		}
		finally {
			if (node[0].isAlive()) {
				node[0].kill();
			}
		}
	}

	private void stopMidFlowAndStartAgain(AppNode[] node, List<String> arguments, String url, String user,
			String password) throws Exception {
		var driver = new StandardChangeDriver(() -> List.of(node[0]), "restart");
		ApiCalls api = node[0].api();

		// a normal change waits for its reviews: tasks, and their reminder timers
		var normal = api.post("alice", "/api/changes", ChangeApiTests.normalRequest());
		assertThat(normal.status()).as(normal.body()).isEqualTo(201);
		// two standard changes on one lane: the first waits at "Close change", the second for its slot's timer
		String closing = driver.request(1, WAITING_LANE);
		String scheduled = driver.request(2, WAITING_LANE);
		awaitResults(driver, closing, 2);
		awaitResults(driver, scheduled, 1);
		awaitPhase(api, scheduled, "scheduled");
		awaitPhase(api, closing, "closing");
		// changes whose async scheduling steps are running or queued when the node stops
		List<String> busy = IntStream.range(0, BUSY_LANES.size())
			.mapToObj(i -> driver.request(10 + i, BUSY_LANES.get(i)))
			.toList();
		busy.forEach(id -> awaitResults(driver, id, 1));
		Snapshot before = Snapshot.of(api);

		node[0].stop();

		assertThat(node[0].logText()).contains("Job executor stopped: running jobs finished, acquired ones released");
		try (var connection = DriverManager.getConnection(url, user, password);
				var locked = connection.createStatement()
					.executeQuery("select count(*) from ACT_RU_JOB where LOCK_OWNER_ is not null")) {
			locked.next();
			assertThat(locked.getInt(1)).as("jobs left locked by the stopped node").isZero();
		}

		node[0] = AppNode.start("restart", arguments);
		Snapshot after = Snapshot.of(node[0].api());

		assertThat(after.tasks()).as("tasks").containsAll(before.tasks());
		assertThat(after.timers()).as("timers due later").containsAll(before.timersDueAfter(Instant.now()));
		assertThat(after.changes()).as("changes").containsAll(before.waiting(normal.json().get("id").asText(),
				closing, scheduled));
		var withdrawn = node[0].api().post("alice", "/api/changes/" + normal.json().get("id").asText() + "/cancel",
				Map.of("reason", "Superseded"));
		assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
		assertThat(withdrawn.json().get("phase").asText()).isEqualTo("closed");
		driver.follow(closing);
		driver.follow(scheduled);
		for (String id : busy) {
			driver.follow(id);
		}
		assertThat(node[0].api().get("demo", "/engine-rest/incident/count").json().get("count").asInt())
			.as("incidents").isZero();
		var verification = node[0].api().get("audrey", "/api/audit/verify");
		assertThat(verification.json().get("intact").asBoolean()).as(verification.body()).isTrue();
	}

	/** Reports results until {@code count} pipeline steps took them. */
	private static void awaitResults(StandardChangeDriver driver, String id, int count) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		int reported = 0;
		while (reported < count) {
			assertThat(Instant.now()).as("%s: %d results reported", id, count).isBefore(deadline);
			if (driver.reportResults(id)) {
				reported++;
			}
		}
	}

	private static void awaitPhase(ApiCalls api, String id, String phase) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (!phase.equals(api.get("alice", "/api/changes/" + id).json().get("phase").asText())) {
			assertThat(Instant.now()).as("%s %s", id, phase).isBefore(deadline);
			Thread.sleep(200);
		}
	}

	/** What the engine and the registry hold, as an administrator sees it over REST. */
	private record Snapshot(List<String> tasks, List<String> timers, List<String> changes) {

		// Camunda REST's default date format, e.g. 2026-11-21T10:41:48.840+0000
		private static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

		static Snapshot of(ApiCalls api) {
			return new Snapshot(
					list(api, "/engine-rest/task?maxResults=1000", task -> task.get("id").asText() + " "
							+ task.get("taskDefinitionKey").asText() + " " + task.get("processInstanceId").asText()),
					list(api, "/engine-rest/job?timers=true&maxResults=1000",
							job -> job.get("id").asText() + " " + job.get("dueDate").asText()),
					list(api, "/api/changes?size=100", change -> change.get("id").asText() + " "
							+ change.get("phase").asText()));
		}

		List<String> timersDueAfter(Instant instant) {
			return timers.stream()
				.filter(timer -> OffsetDateTime.parse(timer.substring(timer.indexOf(' ') + 1), CAMUNDA_DATE)
					.toInstant()
					.isAfter(instant))
				.toList();
		}

		List<String> waiting(String... ids) {
			return changes.stream().filter(change -> List.of(ids).contains(change.substring(0, change.indexOf(' '))))
				.toList();
		}

		private static List<String> list(ApiCalls api, String path, Function<JsonNode, String> row) {
			var response = api.get("demo", path);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode body = response.json();
			JsonNode items = body.isArray() ? body : body.get("items");
			var rows = new ArrayList<String>();
			items.forEach(item -> rows.add(row.apply(item)));
			return rows;
		}

	}

}
