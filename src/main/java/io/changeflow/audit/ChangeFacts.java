package io.changeflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.changeflow.audit.ChangeEvidence.Approval;
import io.changeflow.audit.ChangeEvidence.Step;
import io.changeflow.audit.ChangeEvidence.Transition;
import io.changeflow.policy.RiskLevel;

/**
 * What change metrics need to know about one change, read from its audit trail the way the change log and the CC8
 * evidence read it ({@link ChangeEvidence}), so a KPI says nothing an auditor cannot check against the rows.
 *
 * @param category standard, normal, emergency or runtime-upgrade: the last one the trail names (a standard change
 * converted to normal is normal)
 * @param risk the request's risk level in lower case (low, medium, high, critical); null when it names none
 * (standard changes, emergencies, runtime upgrades)
 * @param requestedAt when the change was first requested
 * @param approvedAt when it was approved: the CAB's decision (normal), its pre-approval or peer review (standard),
 * the validator vote (runtime upgrade), the last approval after the fact that an emergency needed (002 §4.3); null
 * while not approved, also when a revision started a new round
 * @param implementedAt when the first deployment to the target environment was reported done; null before (a
 * standard change's staging rehearsal is testing, not deployment)
 * @param closedAt when the change entered the phase closed; null while open
 * @param outcome how it ended: the end reached, or why it was withdrawn; null while open
 * @param successful closed after a deployment whose last verification succeeded, nothing rolled back, not withdrawn
 * @param verificationFailed a deployment to the target was reported failed, or a verification of it failed
 * @param rolledBack a deployment was rolled back ("Roll back change"); a runtime upgrade's recovery is not
 * @param phases the phases the change was in, in order, closed excluded; the last one has no end while it is open
 */
public record ChangeFacts(String changeId, String category, String risk, Instant requestedAt, Instant approvedAt,
		Instant implementedAt, Instant closedAt, String outcome, boolean successful, boolean verificationFailed,
		boolean rolledBack, List<PhaseSpan> phases) {

	private static final String CLOSED = "closed";

	public ChangeFacts {
		phases = List.copyOf(phases);
	}

	public boolean implemented() {
		return implementedAt != null;
	}

	public boolean normal() {
		return ChangeEvidence.NORMAL.equals(category);
	}

	public boolean emergency() {
		return ChangeEvidence.EMERGENCY.equals(category);
	}

	/**
	 * A stay in one phase.
	 * @param phase e.g. {@code in-review} (ChangePhase values)
	 * @param left null while the change is still in it
	 */
	public record PhaseSpan(String phase, Instant entered, Instant left) {
	}

	static ChangeFacts of(ChangeEvidence change) {
		Step first = change.implementation();
		boolean failed = Stream.concat(change.implementations.stream(), change.verifications.stream())
			.anyMatch(step -> "failed".equals(step.result()));
		boolean successful = change.closed() && first != null && !change.cancelled && !change.rolledBack
				&& "success".equals(change.verificationResult());
		return new ChangeFacts(change.changeId, change.category, risk(change.request.get("riskLevel")),
				change.requestedAt, approvedAt(change), (first != null) ? first.at() : null, change.closedAt,
				change.outcome, successful, failed, change.rolledBack, phases(change));
	}

	// an emergency is authorized by its declaration and approved after the fact, by every seat it needs
	private static Instant approvedAt(ChangeEvidence change) {
		if (ChangeEvidence.EMERGENCY.equals(change.category)) {
			return !change.requiredApprovalsMet ? null : change.approvals.stream()
				.filter(approval -> "RecordEmergencyApproval".equals(approval.activityId()) && approval.approves())
				.map(Approval::at)
				.max(Comparator.naturalOrder())
				.orElse(null);
		}
		return (change.authorization != null) ? change.authorization.at() : null;
	}

	private static String risk(Object value) {
		try {
			return (value == null) ? null : RiskLevel.parse(value.toString()).name().toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// the change starts requested (its change.requested row); each phase.changed row ends one stay and begins the next
	private static List<PhaseSpan> phases(ChangeEvidence change) {
		var spans = new ArrayList<PhaseSpan>();
		String phase = "requested";
		Instant since = change.requestedAt;
		for (Transition transition : change.transitions) {
			spans.add(new PhaseSpan(ChangeEvidence.either(transition.from(), phase), since, transition.at()));
			phase = transition.to();
			since = transition.at();
		}
		if (!CLOSED.equals(phase)) {
			spans.add(new PhaseSpan(phase, since, null));
		}
		return spans;
	}

}
