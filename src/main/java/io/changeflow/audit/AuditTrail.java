package io.changeflow.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.policy.Utc;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit table. {@link #append} runs in the caller's transaction (the engine's, when a step moves a
 * change), so the row commits or rolls back with the state change it describes: there is no moment in which one
 * exists without the other. A chain's head row is locked while a row is added, so one change's writers queue and
 * every other change's writers go on.
 * <p>
 * {@code changeflow.audit.enabled: false} switches the trail off, so the benchmark can measure what it costs
 * (docs/benchmarks.md); the {@code prod} profile refuses to start that way.
 */
@Component
class AuditTrail {

	static final RowMapper<AuditEntry> ENTRY = (row, index) -> new AuditEntry(row.getString("chain_id"),
			row.getInt("seq"), row.getString("change_id"), Utc.read(row, "occurred_at"), row.getString("event_type"),
			row.getString("actor"), row.getString("process_instance_id"), row.getString("activity_id"),
			row.getString("activity_name"), row.getString("task_id"), row.getString("details"),
			row.getString("prev_hash"), row.getString("hash"));

	static final String COLUMNS = "chain_id, seq, change_id, occurred_at, event_type, actor, "
			+ "process_instance_id, activity_id, activity_name, task_id, details, prev_hash, hash";

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	private final boolean enabled;

	AuditTrail(JdbcTemplate jdbc, ObjectMapper json, Clock clock, PlatformTransactionManager transactions,
			@Value("${changeflow.audit.enabled}") boolean enabled, Environment environment) {
		if (!enabled && environment.matchesProfiles("prod")) {
			throw new IllegalStateException("Refusing to start: the prod profile never runs without its audit trail;"
					+ " remove changeflow.audit.enabled=false (it is only for measuring what the trail costs)");
		}
		this.enabled = enabled;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Adds the record at the end of its change's chain; joins the running transaction (the engine's).
	 * @return the entry written, or null while the trail is switched off
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public AuditEntry append(AuditRecord record) {
		if (!enabled) {
			return null;
		}
		String chainId = record.retention().chainOf(record.changeId());
		Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Object[] head = lockHead(chainId, record, at);
		int seq = (Integer) head[0] + 1;
		String prev = (String) head[1];
		var entry = new AuditEntry(chainId, seq, record.changeId(), at, record.type(), blankToNull(record.actor()),
				record.processInstanceId(), record.activityId(), blankToNull(record.activityName()), record.taskId(),
				details(record.details()), prev, null)
			.sealed();
		jdbc.update("update cf_audit_chain set head_seq = ?, head_hash = ?, last_at = ? where chain_id = ?", seq,
				entry.hash(), Utc.column(at), chainId);
		jdbc.update("insert into cf_audit_event (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				chainId, seq, entry.changeId(), Utc.column(at), entry.type(), entry.actor(), entry.processInstanceId(),
				entry.activityId(), entry.activityName(), entry.taskId(), entry.details(), prev, entry.hash());
		return entry;
	}

	/**
	 * Locks the chain's head row, creating an empty chain first if there is none. Two transactions may start the same
	 * chain at once: the loser's insert fails inside a savepoint, so the engine's transaction goes on and then waits
	 * for the winner's row.
	 * @return head seq and hash
	 */
	private Object[] lockHead(String chainId, AuditRecord record, Instant at) {
		List<Object[]> head = jdbc.query("select head_seq, head_hash from cf_audit_chain where chain_id = ? for update",
				(row, index) -> new Object[] { row.getInt(1), row.getString(2) }, chainId);
		if (!head.isEmpty()) {
			return head.get(0);
		}
		try {
			savepoint.executeWithoutResult(status -> jdbc.update("insert into cf_audit_chain (chain_id, change_id, "
					+ "retention_class, head_seq, head_hash, started_at, last_at) values (?, ?, ?, 0, ?, ?, ?)",
					chainId, record.changeId(), record.retention().value, AuditEntry.GENESIS, Utc.column(at),
					Utc.column(at)));
		}
		catch (DuplicateKeyException ex) {
			// started by a concurrent transaction that has committed since
		}
		return lockHead(chainId, record, at);
	}

	/** Every row of the change, both retention classes, in the order they happened. */
	List<AuditEntry> trail(String changeId) {
		return jdbc.query("select " + COLUMNS + " from cf_audit_event where change_id = ? "
				+ "order by occurred_at, chain_id, seq", ENTRY, changeId);
	}

	/**
	 * The trails of every subject with a row in [from, to), one subject at a time (each ordered like {@link #trail}),
	 * streamed: a period's trails are never all held at once.
	 */
	void trailsActiveBetween(Instant from, Instant to, Consumer<List<AuditEntry>> each) {
		var rows = new ArrayList<AuditEntry>();
		jdbc.query("select " + COLUMNS + " from cf_audit_event where change_id in (select change_id from"
				+ " cf_audit_event where occurred_at >= ? and occurred_at < ?)"
				+ " order by change_id, occurred_at, chain_id, seq", row -> {
					AuditEntry entry = ENTRY.mapRow(row, 0);
					if (!rows.isEmpty() && !rows.get(0).changeId().equals(entry.changeId())) {
						each.accept(List.copyOf(rows));
						rows.clear();
					}
					rows.add(entry);
				}, Utc.column(from), Utc.column(to));
		if (!rows.isEmpty()) {
			each.accept(List.copyOf(rows));
		}
	}

	/** Whether the subject has a trail, even one whose rows were all deleted. */
	boolean knows(String changeId) {
		return jdbc.queryForObject("select count(*) from cf_audit_chain where change_id = ?", Integer.class,
				changeId) > 0
				|| jdbc.queryForObject("select count(*) from cf_audit_event where change_id = ?", Integer.class,
						changeId) > 0;
	}

	/** The rows of one chain in link order, streamed: verifying all chains must not load them all at once. */
	void chain(String chainId, Consumer<AuditEntry> each) {
		jdbc.query("select " + COLUMNS + " from cf_audit_event where chain_id = ? order by seq",
				row -> {
					each.accept(ENTRY.mapRow(row, 0));
				}, chainId);
	}

	Map<String, Object> read(AuditEntry entry) {
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> details = json.readValue(entry.details(), TreeMap.class);
			return details;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Audit row " + entry.chainId() + "#" + entry.seq() + " has no JSON", ex);
		}
	}

	// sorted keys and ISO instants: the same facts always serialize, and hash, alike
	private String details(Map<String, Object> details) {
		var sorted = new TreeMap<String, Object>();
		if (details != null) {
			details.forEach((key, value) -> {
				if (value != null) {
					sorted.put(key, (value instanceof Date date) ? date.toInstant().toString()
							: (value instanceof Instant instant) ? instant.toString() : value);
				}
			});
		}
		try {
			return json.writeValueAsString(sorted);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Audit details are not serializable: " + sorted.keySet(), ex);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
