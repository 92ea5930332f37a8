package io.changeflow.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.changeflow.policy.Utc;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes audit chains past their retention (000: 3 years for requests, approvals and rollbacks, 1 year for deployment
 * logs), counted from the chain's last row, and only once its change no longer runs. A chain goes as a whole and
 * leaves a tombstone with its final head, which it is sealed into an anchor first: the remaining trail, and every
 * anchor, still verify.
 */
@Component
class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final JdbcTemplate jdbc;

	private final AuditAnchors anchors;

	private final RuntimeService runtime;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AuditRetention(JdbcTemplate jdbc, AuditAnchors anchors, RuntimeService runtime,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.anchors = anchors;
		this.runtime = runtime;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Scheduled(cron = "${changeflow.audit.purge-cron}", zone = "UTC")
	void purgePeriodically() {
		int purged = purge();
		if (purged > 0) {
			log.info("Purged {} audit chains past their retention", purged);
		}
	}

	/** @return how many chains were purged */
	int purge() {
		anchors.anchor();
		int purged = 0;
		for (RetentionClass retention : RetentionClass.values()) {
			Instant cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(retention.keep).toInstant();
			List<String> expired = jdbc.queryForList(
					"select chain_id from cf_audit_chain where retention_class = ? and last_at < ?", String.class,
					retention.value, Utc.column(cutoff));
			for (String chainId : expired) {
				if (Boolean.TRUE.equals(transaction.execute(status -> purge(chainId, cutoff)))) {
					purged++;
				}
			}
		}
		return purged;
	}

	private boolean purge(String chainId, Instant cutoff) {
		// locked like an append: a chain that grew meanwhile, or whose change still runs, stays
		List<Chain> chain = jdbc.query("select change_id, retention_class, head_seq, head_hash, last_at "
				+ "from cf_audit_chain where chain_id = ? for update",
				(row, index) -> new Chain(row.getString("change_id"), row.getString("retention_class"),
						row.getInt("head_seq"), row.getString("head_hash"), Utc.read(row, "last_at")),
				chainId);
		if (chain.isEmpty() || !chain.get(0).lastAt().isBefore(cutoff)
				|| runtime.createProcessInstanceQuery().processInstanceBusinessKey(chain.get(0).changeId()).count() > 0) {
			return false;
		}
		Chain head = chain.get(0);
		Integer sealed = jdbc.queryForObject(
				"select count(*) from cf_audit_anchor_head where chain_id = ? and head_seq = ?", Integer.class,
				chainId, head.seq());
		if (sealed == null || sealed == 0) {
			// grew after the anchor that purge() just took: the next run seals and purges it
			return false;
		}
		jdbc.update("insert into cf_audit_purge (chain_id, change_id, retention_class, head_seq, head_hash, last_at, "
				+ "purged_at) values (?, ?, ?, ?, ?, ?, ?)", chainId, head.changeId(), head.retention(), head.seq(),
				head.hash(), Utc.column(head.lastAt()), Utc.column(clock.instant()));
		jdbc.update("delete from cf_audit_event where chain_id = ?", chainId);
		jdbc.update("delete from cf_audit_chain where chain_id = ?", chainId);
		return true;
	}

	private record Chain(String changeId, String retention, int seq, String hash, Instant lastAt) {
	}

}
