package io.changeflow.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the audit trail and names the first broken link: a row whose content no longer matches its hash
 * (edited), a row that does not link to its predecessor (removed, inserted or reordered), a chain whose newest rows
 * are gone (its head or an anchor remembers them), and an anchor that does not match the heads it sealed.
 */
@Component
class AuditVerifier {

	private final AuditTrail trail;

	private final AuditAnchors anchors;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	AuditVerifier(AuditTrail trail, AuditAnchors anchors, JdbcTemplate jdbc, Clock clock) {
		this.trail = trail;
		this.anchors = anchors;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @param changeId one change's chains, or null for the whole trail */
	@Transactional(readOnly = true)
	Verification verify(String changeId) {
		var heads = new HashMap<String, Head>();
		jdbc.query("select chain_id, change_id, head_seq, head_hash from cf_audit_chain"
				+ ((changeId != null) ? " where change_id = ?" : ""), row -> {
					heads.put(row.getString(1), new Head(row.getString(2), row.getInt(3), row.getString(4)));
				}, (changeId != null) ? new Object[] { changeId } : new Object[0]);
		// rows whose chain entry was deleted are checked too
		Set<String> chains = new TreeSet<>(heads.keySet());
		chains.addAll(jdbc.queryForList("select distinct chain_id from cf_audit_event"
				+ ((changeId != null) ? " where change_id = ?" : ""), String.class,
				(changeId != null) ? new Object[] { changeId } : new Object[0]));
		long rows = 0;
		Broken broken = null;
		for (String chainId : chains) {
			var check = new ChainCheck(chainId, heads.get(chainId));
			trail.chain(chainId, check);
			rows += check.rows;
			if (broken == null) {
				broken = check.result();
			}
		}
		var anchored = anchors.verify(chains, changeId == null);
		if (broken == null) {
			broken = anchored.broken();
		}
		return new Verification(broken == null, changeId, chains.size(), rows, anchored.anchors(), broken,
				clock.instant());
	}

	/** @param changeId null when the whole trail was verified */
	record Verification(boolean intact, String changeId, int chains, long rows, int anchors, Broken firstBroken,
			Instant checkedAt) {
	}

	/** @param seq the row at fault, or null when the chain or an anchor as a whole is */
	record Broken(String chainId, String changeId, Integer seq, String problem) {
	}

	private record Head(String changeId, int seq, String hash) {
	}

	/** Walks one chain in seq order, remembering the first problem. */
	private static final class ChainCheck implements Consumer<AuditEntry> {

		private final String chainId;

		private final Head head;

		private final List<Broken> problems = new ArrayList<>(1);

		private String prev = AuditEntry.GENESIS;

		private int rows;

		private String changeId;

		ChainCheck(String chainId, Head head) {
			this.chainId = chainId;
			this.head = head;
			this.changeId = (head != null) ? head.changeId() : null;
		}

		@Override
		public void accept(AuditEntry row) {
			rows++;
			if (changeId == null) {
				changeId = row.changeId();
			}
			if (!problems.isEmpty()) {
				return;
			}
			if (row.seq() != rows) {
				fail(rows, "row " + rows + " is missing (the next row is " + row.seq() + ")");
			}
			else if (!row.prevHash().equals(prev)) {
				fail(row.seq(), "row " + row.seq() + " does not link to row " + (row.seq() - 1)
						+ ": its previous hash differs (a row was removed, inserted or rewritten)");
			}
			else if (!row.hash().equals(row.expectedHash(row.prevHash()))) {
				fail(row.seq(), "row " + row.seq() + " was changed: its content no longer matches its hash");
			}
			else if (!row.changeId().equals(changeId)) {
				fail(row.seq(), "row " + row.seq() + " names change " + row.changeId() + " in the chain of "
						+ changeId);
			}
			prev = row.hash();
		}

		Broken result() {
			if (problems.isEmpty() && head == null) {
				fail(null, "the chain's head entry is missing");
			}
			else if (problems.isEmpty() && (head.seq() != rows || !head.hash().equals(prev))) {
				fail((head.seq() > rows) ? rows + 1 : null, "the chain's head is row " + head.seq()
						+ " but the rows end at " + rows + " (rows were deleted or the head was changed)");
			}
			return problems.isEmpty() ? null : problems.get(0);
		}

		private void fail(Integer seq, String problem) {
			problems.add(new Broken(chainId, changeId, seq, problem));
		}

	}

}
