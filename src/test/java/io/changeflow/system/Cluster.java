package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.changeflow.PostgresDatabase;
import io.changeflow.change.Changes;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * changeflow nodes in JVMs of their own on one fresh PostgreSQL database, as Camunda's homogeneous cluster, and the
 * checks that a run on them lost and doubled nothing, read straight from the database.
 */
final class Cluster implements AutoCloseable {

	private static final int CLIENTS = 24;

	private final String database;

	// behind the load balancer: a killed node stays until it is replaced, and calls to it fail over
	private final List<AppNode> nodes = new CopyOnWriteArrayList<>();

	Cluster(String name) throws SQLException {
		PostgresDatabase.require();
		AppNode.requireJar();
		this.database = PostgresDatabase.fresh(name);
	}

	/**
	 * Starts a node (the first one migrates the empty database), waits until it is ready, and puts it in place of
	 * the dead ones.
	 */
	AppNode start(String name) throws IOException, InterruptedException {
		AppNode node = AppNode.start(name, arguments(name));
		nodes.removeIf(dead -> !dead.isAlive());
		nodes.add(node);
		return node;
	}

	List<AppNode> nodes() {
		return List.copyOf(nodes);
	}

	private List<String> arguments(String name) {
		var arguments = new ArrayList<>(AppNode.onPostgres(database));
		arguments.addAll(List.of(
				// the job log names the node that ran each job
				"--camunda.bpm.generic-properties.properties.hostname=" + name, "--changeflow.node-route=" + name,
				// a killed node's jobs are free again after 15 s instead of a minute
				"--camunda.bpm.job-execution.lock-time-in-millis=15000",
				// standard changes run at any time: slots of 4 s, so the next change on a lane waits seconds, not hours
				"--changeflow.policy.any-time-slot=PT4S"));
		arguments.addAll(AppNode.holidayFreezeAway());
		return arguments;
	}

	/** {@link #CLIENTS} clients at once, each driving one change to its end before it requests the next. */
	static List<String> drive(StandardChangeDriver driver, int count) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			var changes = new ArrayList<CompletableFuture<String>>();
			for (int i = 1; i <= count; i++) {
				int number = i;
				changes.add(CompletableFuture.supplyAsync(() -> {
					try {
						return driver.drive(number, Changes.lane(number));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
				}, clients));
			}
			var ids = new ArrayList<String>();
			for (var change : changes) {
				ids.add(change.get());
			}
			return ids;
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * Every change driven is closed and successful, with a unique id of a gap-free sequence; every job of every
	 * change ran exactly once, or was deleted unrun (a reminder whose task was done), never both, and none failed for
	 * good; every slot timer fired once per scheduling; every chain of the audit trail verifies, no row appears
	 * twice, and every change has the same rows as every other change with as many schedulings.
	 * @param nodes the names of the nodes that must each have run jobs
	 */
	void assertNothingLostOrDoubled(List<String> driven, List<String> nodes) {
		JdbcClient jdbc = jdbc();
		List<String> ids = jdbc.sql("select change_id from cf_change order by change_id").query(String.class).list();
		assertThat(ids).as("changes in the registry").containsExactlyInAnyOrderElementsOf(driven);
		assertThat(ids.stream().map(id -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1))).sorted().toList())
			.as("change numbers").isEqualTo(IntStream.rangeClosed(1, driven.size()).boxed().toList());
		assertThat(jdbc.sql("select count(*) from cf_change where phase <> 'CLOSED' or successful is not true")
			.query(Integer.class)
			.single()).as("changes not closed successfully").isZero();

		// jobs, joined to their change through the process instance tree
		String changeInstances = "select p.id_ from act_hi_procinst p join cf_change c"
				+ " on p.root_proc_inst_id_ = c.process_instance_id";
		List<Map<String, Object>> wrongJobs = jdbc.sql("select job_id_, job_def_type_, act_id_,"
				+ " sum(case when job_state_ = 2 then 1 else 0 end) as runs,"
				+ " sum(case when job_state_ = 3 then 1 else 0 end) as deletions from act_hi_job_log"
				+ " where process_instance_id_ in (" + changeInstances + ") group by job_id_, job_def_type_, act_id_"
				+ " having sum(case when job_state_ in (2, 3) then 1 else 0 end) <> 1")
			.query()
			.listOfRows();
		assertThat(wrongJobs).as("jobs that did not run exactly once (or were deleted unrun)").isEmpty();
		assertThat(jdbc.sql("select count(*) from act_ru_job where process_instance_id_ in (" + changeInstances + ")")
			.query(Integer.class)
			.single()).as("jobs left").isZero();
		assertThat(jdbc.sql("select count(*) from act_hi_incident").query(Integer.class).single()).as("incidents")
			.isZero();
		assertThat(jdbc.sql("select distinct hostname_ from act_hi_job_log where job_state_ = 2")
			.query(String.class)
			.list()).as("nodes that ran jobs").containsAll(nodes);
		List<Map<String, Object>> timers = jdbc.sql("select c.change_id,"
				+ " sum(case when a.act_id_ = 'ScheduleChange' and a.end_time_ is not null then 1 else 0 end) as scheduled,"
				+ " sum(case when a.act_id_ = 'DeploymentSlotReached' and a.end_time_ is not null then 1 else 0 end)"
				+ " as reached from act_hi_actinst a join act_hi_procinst p on p.id_ = a.proc_inst_id_"
				+ " join cf_change c on p.root_proc_inst_id_ = c.process_instance_id group by c.change_id")
			.query()
			.listOfRows();
		assertThat(timers).hasSize(driven.size())
			.allSatisfy(change -> assertThat(change.get("reached")).as("slot timers of %s", change.get("change_id"))
				.isEqualTo(change.get("scheduled"))
				.isNotEqualTo(0L));
		assertThat(jdbc.sql("select count(*) from act_hi_job_log l where job_state_ = 2 and act_id_ = 'DeploymentSlotReached'")
			.query(Long.class)
			.single()).as("slot timers run").isEqualTo(timers.stream().mapToLong(t -> (Long) t.get("scheduled")).sum());

		// the audit trail
		var schedulings = new HashMap<String, Long>();
		timers.forEach(t -> schedulings.put((String) t.get("change_id"), (Long) t.get("scheduled")));
		// a step's row names its process instance, activity and task: without a loop (a missed slot booked anew),
		// the same row twice is a step recorded twice
		assertThat(jdbc.sql("select change_id, chain_id, event_type, count(*) as n from cf_audit_event"
				+ " where process_instance_id is not null group by change_id, chain_id, process_instance_id,"
				+ " activity_id, task_id, event_type, details having count(*) > 1")
			.query()
			.listOfRows()
			.stream()
			.filter(row -> schedulings.get((String) row.get("change_id")) == 1L)).as("audit rows written twice")
			.isEmpty();
		// phases and gates may come back to an earlier state (staging, then the target; a missed slot booked anew),
		// but an announcement never follows itself
		var last = new HashMap<String, String>();
		jdbc.sql("select chain_id, event_type, details from cf_audit_event where process_instance_id is null"
				+ " order by chain_id, seq")
			.query((row, n) -> new String[] { row.getString(1) + " " + row.getString(2), row.getString(3) })
			.list()
			.forEach(row -> assertThat(last.put(row[0], row[1])).as("%s announced twice in a row", row[0])
				.isNotEqualTo(row[1]));
		var rows = new TreeMap<String, TreeMap<String, Long>>();
		// gate announcements depend on when the gate was looked at (a step, or the periodic re-check): not compared
		jdbc.sql("select change_id, chain_id, event_type, count(*) as n from cf_audit_event"
				+ " where event_type <> 'gate.changed' group by change_id, chain_id, event_type")
			.query()
			.listOfRows()
			.forEach(row -> rows.computeIfAbsent((String) row.get("change_id"), id -> new TreeMap<>())
				.put(((String) row.get("chain_id")).replace((String) row.get("change_id"), "") + " "
						+ row.get("event_type"), (Long) row.get("n")));
		var shapes = new HashMap<Long, Map<String, Long>>();
		for (String id : driven) {
			assertThat(rows.get(id)).as("audit rows of %s", id)
				.isEqualTo(shapes.computeIfAbsent(schedulings.get(id), n -> rows.get(id)));
		}
	}

	/** The whole trail, every chain and anchor, verified by the app itself. */
	void assertAuditTrailVerifies() {
		var verification = nodes.get(0).api().get("audrey", "/api/audit/verify");
		assertThat(verification.status()).as(verification.body()).isEqualTo(200);
		assertThat(verification.json().get("intact").asBoolean()).as(verification.body()).isTrue();
	}

	JdbcClient jdbc() {
		return PostgresDatabase.jdbc(database);
	}

	@Override
	public void close() throws Exception {
		var stopping = new ArrayList<>(nodes);
		nodes.clear();
		for (AppNode node : stopping) {
			if (node.isAlive()) {
				node.stop();
			}
		}
		PostgresDatabase.drop(database);
	}

}
