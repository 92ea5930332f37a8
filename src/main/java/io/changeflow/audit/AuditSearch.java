package io.changeflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.changeflow.policy.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** What the audit pages look up besides a trail's rows: subjects by id or by activity, and their chains. */
@Component
class AuditSearch {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final AuditTrail trail;

	AuditSearch(JdbcTemplate jdbc, AuditTrail trail) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.trail = trail;
	}

	/** The subject's id as stored, matched exactly or else ignoring case ("chg-2026-0001"); purged trails too. */
	Optional<String> find(String id) {
		if (trail.knows(id)) {
			return Optional.of(id);
		}
		String upper = id.toUpperCase(Locale.ROOT);
		return jdbc
			.queryForList("select change_id from cf_audit_chain where upper(change_id) = ? union "
					+ "select change_id from cf_audit_purge where upper(change_id) = ?", String.class, upper, upper)
			.stream()
			.sorted()
			.findFirst();
	}

	/** How many subjects have audit rows in [from, to). */
	int countActive(Instant from, Instant to) {
		return jdbc.queryForObject(
				"select count(distinct change_id) from cf_audit_event where occurred_at >= ? and occurred_at < ?",
				Integer.class, Utc.column(from), Utc.column(to));
	}

	/**
	 * One page of the subjects with audit rows in [from, to), in the order their trails began; first and last
	 * activity and rows count the whole trail, so the list reads like the trails it links to.
	 */
	List<Active> active(Instant from, Instant to, int offset, int limit) {
		List<Active> page = jdbc.query("select change_id, min(occurred_at) first_at, max(occurred_at) last_at, "
				+ "count(*) row_count from cf_audit_event where change_id in (select change_id from cf_audit_event "
				+ "where occurred_at >= ? and occurred_at < ?) group by change_id "
				+ "order by min(occurred_at), change_id limit ? offset ?",
				(row, index) -> new Active(row.getString("change_id"), Utc.read(row, "first_at"),
						Utc.read(row, "last_at"), row.getLong("row_count"), Map.of()),
				Utc.column(from), Utc.column(to), limit, offset);
		if (page.isEmpty()) {
			return page;
		}
		var requests = new HashMap<String, Map<String, Object>>();
		// the newest request of each: a standard change converted to a normal one is requested again
		named.query("select " + AuditTrail.COLUMNS + " from cf_audit_event where event_type = 'change.requested' "
				+ "and change_id in (:ids) order by occurred_at, chain_id, seq",
				Map.of("ids", page.stream().map(Active::changeId).toList()), row -> {
					AuditEntry entry = AuditTrail.ENTRY.mapRow(row, 0);
					requests.put(entry.changeId(), trail.read(entry));
				});
		var described = new ArrayList<Active>(page.size());
		page.forEach(active -> described.add(new Active(active.changeId(), active.first(), active.last(),
				active.rows(), requests.getOrDefault(active.changeId(), Map.of()))));
		return described;
	}

	/** The subject's chains, those the retention purge removed included, records before deployment log. */
	List<Chain> chains(String changeId) {
		return jdbc.query("select chain_id, retention_class, head_seq, started_at, last_at, null purged_at "
				+ "from cf_audit_chain where change_id = ? union all "
				+ "select chain_id, retention_class, head_seq, null started_at, last_at, purged_at "
				+ "from cf_audit_purge where change_id = ? order by chain_id",
				(row, index) -> new Chain(row.getString("chain_id"),
						RetentionClass.of(row.getString("retention_class")), row.getInt("head_seq"), Utc.read(row, "started_at"), Utc.read(row, "last_at"),
						Utc.read(row, "purged_at")),
				changeId, changeId);
	}

	/** @param request the details of the subject's change.requested row; empty for freezes and standard types */
	record Active(String changeId, Instant first, Instant last, long rows, Map<String, Object> request) {
	}

	/** @param purgedAt when the retention purge removed the chain's rows; null while they are kept */
	record Chain(String chainId, RetentionClass retention, int headSeq, Instant startedAt, Instant lastAt,
			Instant purgedAt) {
	}

}
