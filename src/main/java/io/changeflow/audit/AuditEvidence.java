package io.changeflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.changeflow.emergency.EmergencyDeadlines;
import io.changeflow.policy.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Audit evidence read from the trail only: a change's 000 change log, its CC8 record, the changes requested in a
 * period, the facts change metrics count, and the record that an export was made.
 */
@Component
class AuditEvidence implements ChangeHistory {

	/** The subject whose trail records every evidence export. */
	static final String EXPORTS = "AUDIT-EXPORTS";

	private final AuditTrail trail;

	private final JdbcTemplate jdbc;

	private final EmergencyDeadlines emergencies;

	AuditEvidence(AuditTrail trail, JdbcTemplate jdbc, EmergencyDeadlines emergencies) {
		this.trail = trail;
		this.jdbc = jdbc;
		this.emergencies = emergencies;
	}

	/** @return empty when no change of that id was ever requested */
	Optional<ChangeEvidence> change(String changeId) {
		return Optional.ofNullable(ChangeEvidence.read(trail.trail(changeId), trail::read));
	}

	EvidenceRecord record(ChangeEvidence change, Instant now) {
		return Cc8Rules.assess(change, now, emergencies.reviewWithin());
	}

	/**
	 * The changes first requested in [from, to), oldest first. A converted standard change is requested again under
	 * its id; it counts where it was first requested.
	 */
	List<String> requestedBetween(Instant from, Instant to) {
		return jdbc.queryForList("select change_id from cf_audit_event where event_type = 'change.requested'"
				+ " and occurred_at < ? group by change_id having min(occurred_at) >= ?"
				+ " order by min(occurred_at), change_id", String.class, Utc.column(to), Utc.column(from));
	}

	@Override
	public List<ChangeFacts> activeBetween(Instant from, Instant to) {
		var changes = new ArrayList<ChangeFacts>();
		trail.trailsActiveBetween(from, to, rows -> {
			// freezes, standard types and exports have trails too, without a request
			ChangeEvidence change = ChangeEvidence.read(rows, trail::read);
			if (change != null) {
				changes.add(ChangeFacts.of(change));
			}
		});
		changes.sort(Comparator.comparing(ChangeFacts::requestedAt).thenComparing(ChangeFacts::changeId));
		return changes;
	}

	/** The export itself is evidence: who took which period, in which format, how many changes. */
	void exported(String by, Instant from, Instant to, String format, int changes) {
		trail.append(AuditRecord.of(EXPORTS, "audit.exported", by,
				AuditRecord.details("from", from, "to", to, "format", format, "changes", changes)));
	}

}
