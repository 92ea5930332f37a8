package io.changeflow.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.changeflow.policy.Utc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code cf_change}: one row per change, written by the engine's listeners in the transaction of the step that
 * moved the change, so the row never tells more than the engine committed.
 */
@Repository
class ChangeRegistry implements OpenChanges {

	private static final String COLUMNS = "change_id, category, process_instance_id, requester, title, service,"
			+ " environment, incidents, artifact, implementation, phase, deploying_to, slot_start, slot_end,"
			+ " gate_state, gate_reason, outcome, successful, idempotency_key, request_hash, created_at, updated_at,"
			+ " closed_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	ChangeRegistry(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A new change, or a change that continues in another process (a standard change converted to normal).
	 * @return true for a new change
	 */
	boolean register(String changeId, String category, String processInstanceId, Request request) {
		Instant now = clock.instant();
		int moved = jdbc.sql("update cf_change set category = ?, process_instance_id = ?, updated_at = ?"
				+ " where change_id = ?")
			.params(category, processInstanceId, Utc.column(now), changeId)
			.update();
		if (moved == 0) {
			jdbc.sql("insert into cf_change (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
					+ " null, null, null, null, null, null, null, null, null, ?, ?, null)")
				.params(changeId, category, processInstanceId, request.requester(), request.title(),
						request.service(), request.environment(), request.incidents(), request.artifact(),
						request.implementation(), ChangePhase.REQUESTED.name(), Utc.column(now), Utc.column(now))
				.update();
		}
		return moved == 0;
	}

	Optional<ChangeRecord> find(String changeId) {
		return jdbc.sql("select " + COLUMNS + " from cf_change where change_id = ?")
			.param(changeId)
			.query(ChangeRegistry::record)
			.optional();
	}

	/** The row, locked until the transaction ends: steps of the change wait rather than race a withdrawal. */
	Optional<ChangeRecord> lock(String changeId) {
		return jdbc.sql("select " + COLUMNS + " from cf_change where change_id = ? for update")
			.param(changeId)
			.query(ChangeRegistry::record)
			.optional();
	}

	Optional<ChangeRecord> findByIdempotencyKey(String requester, String key) {
		return jdbc.sql("select " + COLUMNS + " from cf_change where requester = ? and idempotency_key = ?")
			.params(requester, key)
			.query(ChangeRegistry::record)
			.optional();
	}

	void bindIdempotencyKey(String changeId, String key, String requestHash) {
		jdbc.sql("update cf_change set idempotency_key = ?, request_hash = ? where change_id = ?")
			.params(key, requestHash, changeId)
			.update();
	}

	/**
	 * Moves the change to {@code phase} and takes over what the request says now (a revision may change it).
	 * @return the change as it was before; empty when it already was in {@code phase} or is closed
	 */
	Optional<ChangeRecord> movePhase(String changeId, ChangePhase phase, Request request, String deployingTo) {
		Optional<ChangeRecord> current = lock(changeId);
		if (current.isEmpty() || current.get().closed()) {
			return Optional.empty();
		}
		jdbc.sql("update cf_change set phase = ?, deploying_to = ?, title = ?, service = ?, environment = ?,"
				+ " incidents = ?, artifact = ?, implementation = ?, updated_at = ? where change_id = ?")
			.params(phase.name(), deployingTo, request.title(), request.service(), request.environment(),
					request.incidents(), request.artifact(), request.implementation(), Utc.column(clock.instant()),
					changeId)
			.update();
		return (current.get().phase() == phase) ? Optional.empty() : current;
	}

	/**
	 * Closes the change with its outcome, unless an outcome was recorded before (a withdrawal names who and why).
	 * @return the phase the change left; empty when it was closed already
	 */
	Optional<ChangePhase> close(String changeId, String outcome, boolean successful) {
		Optional<ChangeRecord> current = lock(changeId);
		if (current.isEmpty() || current.get().closed()) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		jdbc.sql("update cf_change set phase = ?, outcome = coalesce(outcome, ?), successful = ?, updated_at = ?,"
				+ " closed_at = ? where change_id = ?")
			.params(ChangePhase.CLOSED.name(), outcome, successful, Utc.column(now), Utc.column(now), changeId)
			.update();
		return Optional.of(current.get().phase());
	}

	void recordOutcome(String changeId, String outcome) {
		jdbc.sql("update cf_change set outcome = ? where change_id = ?").params(outcome, changeId).update();
	}

	void recordSlot(String changeId, Instant start, Instant end) {
		jdbc.sql("update cf_change set slot_start = ?, slot_end = ?, updated_at = ? where change_id = ?")
			.params(Utc.column(start), Utc.column(end), Utc.column(clock.instant()), changeId)
			.update();
	}

	/**
	 * @return true when this call changed the stored gate: of several nodes noticing the same change, one announces it
	 */
	boolean recordGate(String changeId, GateState state, String reason) {
		return jdbc.sql("update cf_change set gate_state = ?, gate_reason = ? where change_id = ?"
				+ " and (gate_state is null or gate_state <> ? or gate_reason <> ?)")
			.params(state.name(), reason, changeId, state.name(), reason)
			.update() == 1;
	}

	/** Changes whose gate can move by time or freezes alone: scheduled, or cleared to implement. */
	List<String> gated() {
		return jdbc.sql("select change_id from cf_change where phase in (?, ?)")
			.params(ChangePhase.SCHEDULED.name(), ChangePhase.IMPLEMENTING.name())
			.query(String.class)
			.list();
	}

	@Override
	public List<OpenChange> open() {
		return jdbc.sql("select " + COLUMNS + " from cf_change where phase <> ? order by created_at, change_id")
			.param(ChangePhase.CLOSED.name())
			.query(ChangeRegistry::record)
			.list()
			.stream()
			.map(ChangeRegistry::open)
			.toList();
	}

	@Override
	public List<OpenChange> slotsBetween(Instant from, Instant to) {
		return jdbc.sql("select " + COLUMNS + " from cf_change where phase <> ? and slot_start < ?"
				+ " and (slot_end > ? or (slot_end is null and slot_start >= ?)) order by slot_start, change_id")
			.params(ChangePhase.CLOSED.name(), Utc.column(to), Utc.column(from), Utc.column(from))
			.query(ChangeRegistry::record)
			.list()
			.stream()
			.map(ChangeRegistry::open)
			.toList();
	}

	private static OpenChange open(ChangeRecord change) {
		return new OpenChange(change.changeId(), change.category(), change.title(), change.phase(),
				change.slotStart(), change.slotEnd());
	}

	/** Newest first; {@code requester} non-null limits the page to that person's changes. */
	Page page(Filter filter, int page, int size) {
		var where = new StringBuilder(" where 1 = 1");
		var params = new ArrayList<Object>();
		if (filter.category() != null) {
			where.append(" and category = ?");
			params.add(filter.category());
		}
		if (filter.phase() != null) {
			where.append(" and phase = ?");
			params.add(filter.phase().name());
		}
		if (filter.from() != null) {
			where.append(" and created_at >= ?");
			params.add(Utc.column(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" and created_at < ?");
			params.add(Utc.column(filter.to()));
		}
		if (filter.requester() != null) {
			where.append(" and requester = ?");
			params.add(filter.requester());
		}
		long total = jdbc.sql("select count(*) from cf_change" + where).params(params).query(Long.class).single();
		var pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<ChangeRecord> items = jdbc
			.sql("select " + COLUMNS + " from cf_change" + where + " order by created_at desc, change_id desc"
					+ " limit ? offset ?")
			.params(pageParams)
			.query(ChangeRegistry::record)
			.list();
		return new Page(items, total);
	}

	private static ChangeRecord record(ResultSet row, int number) throws SQLException {
		String gate = row.getString("gate_state");
		Object successful = row.getObject("successful");
		return new ChangeRecord(row.getString("change_id"), row.getString("category"),
				row.getString("process_instance_id"), row.getString("requester"), row.getString("title"),
				row.getString("service"), row.getString("environment"), row.getString("incidents"),
				row.getString("artifact"), row.getString("implementation"), ChangePhase.valueOf(row.getString("phase")),
				row.getString("deploying_to"), Utc.read(row, "slot_start"), Utc.read(row, "slot_end"),
				(gate != null) ? GateState.valueOf(gate) : null, row.getString("gate_reason"), row.getString("outcome"),
				(successful != null) ? (Boolean) successful : null, row.getString("idempotency_key"),
				row.getString("request_hash"), Utc.read(row, "created_at"), Utc.read(row, "updated_at"),
				Utc.read(row, "closed_at"));
	}

	/** What a change request says about itself, taken when the change starts. */
	record Request(String requester, String title, String service, String environment, String incidents,
			String artifact, String implementation) {
	}

	record Filter(String category, ChangePhase phase, Instant from, Instant to, String requester) {
	}

	record Page(List<ChangeRecord> items, long total) {
	}

}
