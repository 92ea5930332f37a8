package io.changeflow.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.changeflow.audit.ChangeEvidence.Approval;
import io.changeflow.audit.ChangeEvidence.Decision;
import io.changeflow.audit.ChangeEvidence.OpenTask;
import io.changeflow.audit.ChangeEvidence.Slot;
import io.changeflow.audit.ChangeEvidence.Step;
import io.changeflow.audit.EvidenceRecord.Criterion;
import io.changeflow.audit.EvidenceRecord.Violation;

/**
 * The SOC 2 CC8 rules (000 "Compliance Mapping", 002 §11.1) applied to what a change's trail shows. Each flag is a
 * rule of the documented process; docs/audit-evidence.md lists them. Open changes are judged on what happened up to
 * {@code now}: a deadline counts once it has passed.
 */
final class Cc8Rules {

	static final String CC8_1 = "cc8_1";

	static final String CC8_2 = "cc8_2";

	static final String CC8_3 = "cc8_3";

	static final String WITHOUT_AUTHORIZATION = "implemented-without-authorization";

	static final String BEFORE_AUTHORIZATION = "implemented-before-authorization";

	static final String ARTIFACT_MISMATCH = "artifact-mismatch";

	static final String SELF_APPROVAL = "self-approval";

	static final String EMERGENCY_APPROVAL_LATE = "emergency-approval-late";

	static final String EMERGENCY_APPROVAL_REJECTED = "emergency-approval-rejected";

	static final String WITHOUT_TESTING_EVIDENCE = "deployed-without-testing-evidence";

	static final String NOT_VERIFIED = "not-verified";

	static final String FAILED_NOT_ROLLED_BACK = "verification-failed-not-rolled-back";

	static final String OUTSIDE_SLOT = "implemented-outside-slot";

	static final String REVIEW_OVERDUE = "pir-overdue";

	static final String NOT_CLOSED = "not-closed";

	private static final String EMERGENCY_APPROVAL = "RecordEmergencyApproval";

	private static final String REVIEW = "ReviewEmergencyChange";

	/** Steps that undo a failed deployment: a rollback, or a runtime upgrade's recovery decision (002 §9). */
	private static final Set<String> ROLLBACKS = Set.of("RollBackChange", "DecideRecovery");

	private Cc8Rules() {
	}

	/**
	 * @param now the time of the assessment: deadlines passed by then count
	 * @param reviewWithin an emergency's post-implementation review period (002 §4.3)
	 */
	static EvidenceRecord assess(ChangeEvidence change, Instant now, Duration reviewWithin) {
		var authorized = authorized(change, now);
		var tested = tested(change, now);
		var followed = followed(change, now, reviewWithin);
		var all = Stream.of(authorized, tested, followed).flatMap(criterion -> criterion.violations().stream())
			.toList();
		return new EvidenceRecord(change.changeId, change.category, change.title(), change.requester,
				change.requestedAt, change.artifact(), change.phase, change.outcome, authorized, tested, followed, all);
	}

	private static Criterion<EvidenceRecord.Authorized> authorized(ChangeEvidence change, Instant now) {
		var violations = new ArrayList<Violation>();
		Step first = change.implementation();
		var authorization = change.authorization;
		if (first != null && authorization == null) {
			violations.add(new Violation(CC8_1, WITHOUT_AUTHORIZATION, "deployed " + first.began() + " by "
					+ first.by() + "; the trail shows no " + requirement(change.category)));
		}
		else if (first != null && first.began().isBefore(authorization.at())) {
			violations.add(new Violation(CC8_1, BEFORE_AUTHORIZATION, "deployment began " + first.began()
					+ ", authorized " + authorization.at() + " (" + authorization.how() + ")"));
		}
		var approved = change.approvals.stream().filter(Approval::counted).map(Approval::artifact)
			.filter(Objects::nonNull).distinct().toList();
		for (Step deployment : change.implementations) {
			approved.stream()
				.filter(artifact -> deployment.artifact() != null && !artifact.equalsIgnoreCase(deployment.artifact()))
				.forEach(artifact -> violations.add(new Violation(CC8_1, ARTIFACT_MISMATCH, "approved artifact "
						+ artifact + ", implemented " + deployment.artifact() + " (" + deployment.step() + " "
						+ deployment.at() + ")")));
		}
		change.approvals.stream()
			.filter(approval -> approval.counted() && approval.by() != null && approval.by().equals(change.requester))
			.forEach(approval -> violations.add(new Violation(CC8_1, SELF_APPROVAL, approval.by()
					+ " approved their own change (" + approval.task() + ", " + approval.at() + ")")));
		emergencyApprovals(change, now, violations);
		return Criterion.of(new EvidenceRecord.Authorized(change.approvals, change.requiredApprovalsMet,
				(authorization != null) ? authorization.at() : null,
				(authorization != null) ? authorization.how() : null, (first != null) ? first.began() : null,
				(first != null) ? first.at() : null, (first != null) ? first.artifact() : null,
				change.implementations), violations);
	}

	// "verbal approval acceptable, documented immediately after" (002 §4.3): held to the recording task's due date
	private static void emergencyApprovals(ChangeEvidence change, Instant now, List<Violation> violations) {
		for (Approval approval : change.approvals) {
			if (!EMERGENCY_APPROVAL.equals(approval.activityId())) {
				continue;
			}
			if (approval.due() != null && approval.at().isAfter(approval.due())) {
				violations.add(new Violation(CC8_1, EMERGENCY_APPROVAL_LATE, approval.by() + " recorded "
						+ approval.task() + " at " + approval.at() + ", due " + approval.due()));
			}
			if (!approval.approves()) {
				violations.add(new Violation(CC8_1, EMERGENCY_APPROVAL_REJECTED, approval.by() + " rejected the"
						+ " implemented emergency change at " + approval.at() + " (" + approval.task() + "): "
						+ approval.comment()));
			}
		}
		overdue(change, now).filter(task -> EMERGENCY_APPROVAL.equals(task.activityId()))
			.forEach(task -> violations.add(new Violation(CC8_1, EMERGENCY_APPROVAL_LATE, task.task()
					+ " not recorded by " + now + ", due " + task.due())));
	}

	private static Criterion<EvidenceRecord.Tested> tested(ChangeEvidence change, Instant now) {
		var violations = new ArrayList<Violation>();
		Step first = change.implementation();
		if (first != null) {
			String missing = missingTestingEvidence(change, first.began());
			if (missing != null) {
				violations.add(new Violation(CC8_2, WITHOUT_TESTING_EVIDENCE, "deployed " + first.began() + ": "
						+ missing));
			}
		}
		boolean deploymentFailed = change.implementations.stream().anyMatch(step -> "failed".equals(step.result()));
		if (first != null && !deploymentFailed && change.verifications.isEmpty() && change.closed()) {
			violations.add(new Violation(CC8_2, NOT_VERIFIED, "closed " + change.closedAt
					+ " without a verification of the deployment"));
		}
		Step failure = Stream.concat(change.implementations.stream(), change.verifications.stream())
			.filter(step -> "failed".equals(step.result()))
			.max(Comparator.comparing(Step::at))
			.orElse(null);
		if (failure != null && "failed".equals(change.verificationResult())
				&& change.rollbacks.stream().noneMatch(rollback -> !rollback.at().isBefore(failure.at()))) {
			var rollbackOverdue = overdue(change, now).filter(task -> ROLLBACKS.contains(task.activityId()))
				.findFirst();
			if (change.closed() || rollbackOverdue.isPresent()) {
				String by = change.closed() ? change.closedAt.toString()
						: now + " (" + rollbackOverdue.get().task() + " due " + rollbackOverdue.get().due() + ")";
				violations.add(new Violation(CC8_2, FAILED_NOT_ROLLED_BACK, failure.step() + " failed at "
						+ failure.at() + "; no rollback or recovery by " + by));
			}
		}
		return Criterion.of(new EvidenceRecord.Tested(change.testingEvidence(), change.testingDecisions,
				Stream.concat(change.stagingImplementations.stream(), change.stagingVerifications.stream())
					.sorted(Comparator.comparing(Step::at)).toList(),
				change.verifications, change.rollbacks, change.testResults()), violations);
	}

	/**
	 * What the documented process required before the deployment and the trail does not show, or null. Normal: the
	 * last testing-evidence decision before it found the evidence complete (002 §7.1). Standard: pre-approved as
	 * eligible (CI passed and the other conditions, 002 §4.1) and, when it rehearses, verified in staging. Runtime
	 * upgrade: the proposal's evidence accepted (002 §4.4). Emergency: nothing before; it is verified after.
	 */
	private static String missingTestingEvidence(ChangeEvidence change, Instant deployed) {
		String category = Objects.toString(change.category, "");
		return switch (category) {
			case ChangeEvidence.NORMAL -> {
				Decision last = lastDecision(change, "Check testing evidence", deployed);
				yield (last == null) ? "no testing-evidence decision before it"
						: last.evidenceMissing() ? "the last testing-evidence decision (" + last.at() + ") was: "
								+ last.decision() : null;
			}
			case ChangeEvidence.STANDARD -> {
				Decision eligibility = lastDecision(change, "Check eligibility", deployed);
				if (eligibility == null || !eligibility.decision().startsWith("Pre-approved")) {
					yield "not pre-approved as an eligible standard change before it";
				}
				boolean rehearsed = change.stagingVerifications.stream()
					.anyMatch(step -> "success".equals(step.result()) && !step.at().isAfter(deployed));
				yield (change.stagingFirst && !rehearsed) ? "no successful verification in staging before it" : null;
			}
			case ChangeEvidence.RUNTIME_UPGRADE -> (lastDecision(change, "Check proposal", deployed) == null)
					? "the proposal's development evidence was never accepted" : null;
			default -> null;
		};
	}

	private static Decision lastDecision(ChangeEvidence change, String gate, Instant before) {
		return change.testingDecisions.stream()
			.filter(decision -> gate.equals(decision.gate()) && !decision.at().isAfter(before))
			.reduce((earlier, later) -> later)
			.orElse(null);
	}

	private static Criterion<EvidenceRecord.Followed> followed(ChangeEvidence change, Instant now,
			Duration reviewWithin) {
		var violations = new ArrayList<Violation>();
		Step first = change.implementation();
		boolean scheduled = ChangeEvidence.NORMAL.equals(change.category)
				|| ChangeEvidence.STANDARD.equals(change.category);
		Slot slot = (first != null) ? slotAt(change, first.began())
				: change.slots.isEmpty() ? null : change.slots.get(change.slots.size() - 1);
		Boolean withinSlot = null;
		if (scheduled && first != null) {
			withinSlot = true;
			for (Step deployment : change.implementations) {
				Slot booked = slotAt(change, deployment.began());
				if (booked == null || deployment.began().isBefore(booked.start())
						|| deployment.at().isAfter(booked.end())) {
					withinSlot = false;
					violations.add(new Violation(CC8_3, OUTSIDE_SLOT, (booked == null)
							? "deployed " + deployment.began() + " without a booked slot"
							: "deployed " + deployment.began() + "–" + deployment.at() + ", outside its slot "
									+ booked.start() + "–" + booked.end() + " (" + booked.window() + ")"));
				}
			}
		}
		EvidenceRecord.Review review = null;
		Instant ended = (change.implementationFinishedAt != null) ? change.implementationFinishedAt
				: (first != null) ? first.at() : null;
		if (ChangeEvidence.EMERGENCY.equals(change.category) && ended != null) {
			Instant due = ended.plus(reviewWithin);
			Step done = change.review;
			review = new EvidenceRecord.Review(ended, due, (done != null) ? done.at() : null,
					(done != null) ? done.by() : null);
			String period = reviewWithin.toHours() + " h after the implementation ended " + ended;
			if (done != null && done.at().isAfter(due)) {
				violations.add(new Violation(CC8_3, REVIEW_OVERDUE, "post-incident review completed " + done.at()
						+ ", due " + due + " (" + period + ")"));
			}
			else if (done == null && now.isAfter(due)) {
				violations.add(new Violation(CC8_3, REVIEW_OVERDUE, "no post-incident review by " + now + ", due "
						+ due + " (" + period + ")"));
			}
		}
		// emergency approvals and reviews have flags of their own
		var overdue = overdue(change, now)
			.filter(task -> !EMERGENCY_APPROVAL.equals(task.activityId()) && !REVIEW.equals(task.activityId()))
			.toList();
		if (first != null && !change.closed()) {
			overdue.forEach(task -> violations.add(new Violation(CC8_3, NOT_CLOSED, task.task() + " open since "
					+ task.createdAt() + ", due " + task.due() + "; not closed by " + now)));
		}
		return Criterion.of(new EvidenceRecord.Followed(slot, (first != null) ? first.at() : null, withinSlot,
				change.verificationResult(), change.closedAt, change.outcome, review,
				overdue(change, now).toList()), violations);
	}

	/** The slot booked last before {@code instant}: the one the deployment gate held the change to then. */
	private static Slot slotAt(ChangeEvidence change, Instant instant) {
		return change.slots.stream().filter(slot -> !slot.bookedAt().isAfter(instant)).reduce((a, b) -> b)
			.orElse(null);
	}

	private static Stream<OpenTask> overdue(ChangeEvidence change, Instant now) {
		return change.openTasks.stream().filter(task -> task.due() != null && now.isAfter(task.due()));
	}

	private static String requirement(String category) {
		return switch (Objects.toString(category, "")) {
			case ChangeEvidence.NORMAL -> "CAB approval";
			case ChangeEvidence.STANDARD -> "pre-approval";
			case ChangeEvidence.RUNTIME_UPGRADE -> "approving validator vote";
			case ChangeEvidence.EMERGENCY -> "emergency declaration";
			default -> "authorization";
		};
	}

}
