package io.changeflow.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.changeflow.policy.Utc;
import io.changeflow.system.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the heads of all chains that grew since the last anchor into one hash, linked to the previous anchor. A
 * chain's own links cannot show that its newest rows were deleted; an anchor that remembers a head can. Anchors are
 * kept when the retention purge removes a chain (its tombstone answers for the sealed heads).
 */
@Component
class AuditAnchors {

	private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AuditAnchors(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** Every {@code changeflow.audit.anchor-every}; on several nodes, whoever commits first anchors. */
	@Scheduled(initialDelayString = "${changeflow.audit.anchor-every}",
			fixedDelayString = "${changeflow.audit.anchor-every}")
	void anchorPeriodically() {
		try {
			anchor();
		}
		catch (DuplicateKeyException ex) {
			log.debug("Another node anchored the audit trail at the same time", ex);
		}
	}

	/** Seals the chains that grew since the last anchor; empty when none did. */
	Optional<Integer> anchor() {
		return transaction.execute(status -> {
			List<Map<String, Object>> latest = jdbc.queryForList(
					"select seq, hash from cf_audit_anchor order by seq desc fetch first 1 rows only");
			List<SealedHead> heads = sorted(jdbc.query("select chain_id, head_seq, head_hash from cf_audit_chain c "
					+ "where not exists (select 1 from cf_audit_anchor_head h "
					+ "where h.chain_id = c.chain_id and h.head_seq = c.head_seq)",
					(row, index) -> new SealedHead(row.getString(1), row.getInt(2), row.getString(3))));
			if (heads.isEmpty()) {
				return Optional.<Integer>empty();
			}
			int seq = latest.isEmpty() ? 1 : ((Number) latest.get(0).get("seq")).intValue() + 1;
			String prev = latest.isEmpty() ? AuditEntry.GENESIS : (String) latest.get(0).get("hash");
			Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
			jdbc.update("insert into cf_audit_anchor (seq, created_at, chains, prev_hash, hash) values (?, ?, ?, ?, ?)",
					seq, Utc.column(at), heads.size(), prev, hash(prev, at, heads));
			jdbc.batchUpdate("insert into cf_audit_anchor_head (anchor_seq, chain_id, head_seq, head_hash) "
					+ "values (?, ?, ?, ?)", heads.stream()
						.map(head -> new Object[] { seq, head.chainId(), head.seq(), head.hash() })
						.toList());
			return Optional.of(seq);
		});
	}

	/**
	 * Checks the anchors: each one's hash over its heads and predecessor, and that the sealed heads of the given
	 * chains are still there (or were purged as a whole).
	 * @param everyAnchor whether the anchors' own links are checked too (a whole-trail verification)
	 */
	AnchorCheck verify(Collection<String> chains, boolean everyAnchor) {
		var sealed = new HashMap<Integer, List<SealedHead>>();
		jdbc.query("select anchor_seq, chain_id, head_seq, head_hash from cf_audit_anchor_head", row -> {
			sealed.computeIfAbsent(row.getInt(1), seq -> new ArrayList<>())
				.add(new SealedHead(row.getString(2), row.getInt(3), row.getString(4)));
		});
		List<Anchor> anchors = jdbc.query("select seq, created_at, prev_hash, hash from cf_audit_anchor order by seq",
				(row, index) -> new Anchor(row.getInt("seq"), Utc.read(row, "created_at"), row.getString("prev_hash"),
						row.getString("hash")));
		String prev = AuditEntry.GENESIS;
		int expected = 1;
		for (Anchor anchor : anchors) {
			var heads = sorted(sealed.getOrDefault(anchor.seq(), List.of()));
			if (everyAnchor && (anchor.seq() != expected || !prev.equals(anchor.prevHash())
					|| !hash(prev, anchor.at(), heads).equals(anchor.hash()))) {
				return new AnchorCheck(anchors.size(), new AuditVerifier.Broken(null, null, null, "anchor "
						+ anchor.seq() + " does not match the heads it sealed or the anchor before it"));
			}
			for (SealedHead head : heads) {
				if (everyAnchor || chains.contains(head.chainId())) {
					String problem = stillThere(head);
					if (problem != null) {
						return new AnchorCheck(anchors.size(), new AuditVerifier.Broken(head.chainId(),
								changeOf(head.chainId()), head.seq(), "anchor " + anchor.seq() + " sealed row "
										+ head.seq() + " of " + head.chainId() + ", which " + problem));
					}
				}
			}
			prev = anchor.hash();
			expected = anchor.seq() + 1;
		}
		return new AnchorCheck(anchors.size(), null);
	}

	// the sealed row, or the purge tombstone of its chain, must vouch for the sealed hash
	private String stillThere(SealedHead head) {
		List<String> row = jdbc.queryForList("select hash from cf_audit_event where chain_id = ? and seq = ?",
				String.class, head.chainId(), head.seq());
		if (!row.isEmpty()) {
			return row.get(0).equals(head.hash()) ? null : "has changed";
		}
		List<Map<String, Object>> purged = jdbc.queryForList(
				"select head_seq, head_hash from cf_audit_purge where chain_id = ?", head.chainId());
		if (purged.isEmpty()) {
			return "is missing";
		}
		int purgedHead = ((Number) purged.get(0).get("head_seq")).intValue();
		boolean vouched = (purgedHead > head.seq())
				|| (purgedHead == head.seq() && purged.get(0).get("head_hash").equals(head.hash()));
		return vouched ? null : "the purge record does not match";
	}

	private String changeOf(String chainId) {
		List<String> changeId = jdbc.queryForList("select change_id from cf_audit_chain where chain_id = ? union "
				+ "select change_id from cf_audit_purge where chain_id = ?", String.class, chainId, chainId);
		return changeId.isEmpty() ? null : changeId.get(0);
	}

	// one order in Java, whatever collation the database sorts by
	private static List<SealedHead> sorted(List<SealedHead> heads) {
		var sorted = new ArrayList<>(heads);
		sorted.sort(Comparator.comparing(SealedHead::chainId));
		return sorted;
	}

	private static String hash(String prev, Instant at, List<SealedHead> heads) {
		var content = new StringBuilder(prev).append('\n').append(at).append('\n');
		heads.forEach(head -> content.append(head.chainId())
			.append(' ')
			.append(head.seq())
			.append(' ')
			.append(head.hash())
			.append('\n'));
		return Sha256.hex(content.toString());
	}

	record SealedHead(String chainId, int seq, String hash) {
	}

	private record Anchor(int seq, Instant at, String prevHash, String hash) {
	}

	record AnchorCheck(int anchors, AuditVerifier.Broken broken) {
	}

}
