package io.changeflow.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import io.changeflow.audit.ChangeFacts;
import io.changeflow.audit.ChangeFacts.PhaseSpan;
import io.changeflow.change.ChangePhase;

/**
 * The KPIs of a period [from, to) from the facts of changes, as docs/metrics.md defines them. Each KPI takes its
 * changes by the one timestamp that says when what it measures happened: success, rollback and failure rates by the
 * closure, the emergency rate by the request, the mean time to deploy by the deployment, the approval lead time by the
 * approval, the time in a phase by leaving it. So a change counts in the period its event fell in, once.
 */
final class KpiCalculator {

	static final String CHANGE_FAILURE_RATE = "change-failure-rate";

	static final String APPROVAL_LEAD_TIME = "approval-lead-time";

	static final String TIME_IN_PHASE = "time-in-phase.";

	static final String PERCENT = "percent";

	static final String HOURS = "hours";

	/** The targets of 002 §10.1. */
	static final Kpi.Target SUCCESS_TARGET = new Kpi.Target(true, 95);

	static final Kpi.Target EMERGENCY_TARGET = new Kpi.Target(false, 5);

	static final Kpi.Target DEPLOY_TARGET = new Kpi.Target(false, 2);

	static final Kpi.Target ROLLBACK_TARGET = new Kpi.Target(false, 2);

	/** The phases a change passes before it is closed; closed itself lasts forever. */
	static final List<ChangePhase> PHASES = List.of(ChangePhase.REQUESTED, ChangePhase.IN_REVIEW,
			ChangePhase.AWAITING_CAB, ChangePhase.SCHEDULED, ChangePhase.IMPLEMENTING, ChangePhase.VERIFYING,
			ChangePhase.CLOSING);

	private static final double MILLIS_PER_HOUR = Duration.ofHours(1).toMillis();

	private KpiCalculator() {
	}

	static KpiSnapshot snapshot(Collection<ChangeFacts> changes, Instant from, Instant to) {
		var kpis = new ArrayList<Kpi>();
		List<ChangeFacts> closed = select(changes, change -> change.implemented() && within(change.closedAt(), from, to));
		List<ChangeFacts> requested = select(changes, change -> within(change.requestedAt(), from, to));
		List<ChangeFacts> deployed = select(changes, change -> change.normal() && change.approvedAt() != null
				&& within(change.implementedAt(), from, to));
		List<ChangeFacts> approved = select(changes, change -> within(change.approvedAt(), from, to));
		kpis.add(rate(ChangeKpis.SUCCESS_RATE, "Change success rate", closed, ChangeFacts::successful,
				SUCCESS_TARGET));
		kpis.add(rate(ChangeKpis.EMERGENCY_RATE, "Emergency change rate", requested, ChangeFacts::emergency,
				EMERGENCY_TARGET));
		kpis.add(hours(ChangeKpis.MEAN_TIME_TO_DEPLOY, "Mean time to deploy (normal changes)",
				deployed.stream().mapToLong(change -> millis(change.approvedAt(), change.implementedAt())).sum(),
				deployed.size(), DEPLOY_TARGET));
		kpis.add(rate(ChangeKpis.ROLLBACK_RATE, "Rollback rate", closed, ChangeFacts::rolledBack, ROLLBACK_TARGET));
		kpis.add(rate(CHANGE_FAILURE_RATE, "Change failure rate", closed,
				change -> change.verificationFailed() || change.rolledBack(), null));
		kpis.add(hours(APPROVAL_LEAD_TIME, "Approval lead time",
				approved.stream().mapToLong(change -> millis(change.requestedAt(), change.approvedAt())).sum(),
				approved.size(), null));
		for (ChangePhase phase : PHASES) {
			long total = 0;
			long left = 0;
			for (ChangeFacts change : changes) {
				long stayed = 0;
				boolean leftInPeriod = false;
				for (PhaseSpan span : change.phases()) {
					if (span.phase().equals(phase.value()) && within(span.left(), from, to)) {
						stayed += millis(span.entered(), span.left());
						leftInPeriod = true;
					}
				}
				if (leftInPeriod) {
					total += stayed;
					left++;
				}
			}
			kpis.add(hours(TIME_IN_PHASE + phase.value(), "Time " + words(phase), total, left, null));
		}
		return new KpiSnapshot(from, to, List.copyOf(kpis));
	}

	static String words(ChangePhase phase) {
		return switch (phase) {
			case IN_REVIEW -> "in review";
			case AWAITING_CAB -> "awaiting CAB";
			default -> phase.value();
		};
	}

	private static List<ChangeFacts> select(Collection<ChangeFacts> changes, Predicate<ChangeFacts> counted) {
		return changes.stream().filter(counted).toList();
	}

	private static Kpi rate(String key, String label, List<ChangeFacts> changes, Predicate<ChangeFacts> counted,
			Kpi.Target target) {
		long numerator = changes.stream().filter(counted).count();
		Double value = changes.isEmpty() ? null : 100.0 * numerator / changes.size();
		return new Kpi(key, label, value, numerator, changes.size(), target, PERCENT);
	}

	private static Kpi hours(String key, String label, long millis, long changes, Kpi.Target target) {
		double hours = millis / MILLIS_PER_HOUR;
		return new Kpi(key, label, (changes == 0) ? null : hours / changes, hours, changes, target, HOURS);
	}

	private static long millis(Instant start, Instant end) {
		return Duration.between(start, end).toMillis();
	}

	private static boolean within(Instant instant, Instant from, Instant to) {
		return instant != null && !instant.isBefore(from) && instant.isBefore(to);
	}

}
