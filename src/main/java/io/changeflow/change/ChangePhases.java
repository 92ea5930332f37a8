package io.changeflow.change;

import static io.changeflow.change.ChangePhase.AWAITING_CAB;
import static io.changeflow.change.ChangePhase.CLOSING;
import static io.changeflow.change.ChangePhase.IMPLEMENTING;
import static io.changeflow.change.ChangePhase.IN_REVIEW;
import static io.changeflow.change.ChangePhase.REQUESTED;
import static io.changeflow.change.ChangePhase.SCHEDULED;
import static io.changeflow.change.ChangePhase.VERIFYING;
import static java.util.Map.entry;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which step of the change processes puts a change in which phase, by activity id (ids are shared where the step is
 * the same, e.g. "ReviewChange" in standard and normal changes). Steps not named here (gateways, the emergency's
 * action log) leave the phase as it is. {@code ChangePhasesTests} fails when a new task or call activity is not mapped.
 */
final class ChangePhases {

	static final Map<String, ChangePhase> BY_ACTIVITY = Map.ofEntries(
			// the request is checked or revised by the requester
			entry("CheckChangeRequest", REQUESTED), entry("ReviseChange", REQUESTED),
			entry("CheckEligibility", REQUESTED), entry("ConvertToNormalChange", REQUESTED),
			entry("DeclareEmergency", REQUESTED), entry("CheckProposal", REQUESTED),
			entry("ReviseProposal", REQUESTED),
			// reviewers decide; for a runtime upgrade, the validator vote is its review and approval
			entry("DetermineRequiredReviews", IN_REVIEW), entry("ReviewChange", IN_REVIEW),
			entry("OpenValidatorVote", IN_REVIEW), entry("VoteOnRuntimeUpgrade", IN_REVIEW),
			entry("TallyVotes", IN_REVIEW),
			entry("CheckTestingEvidence", AWAITING_CAB), entry("ApproveChangeInCab", AWAITING_CAB),
			entry("ScheduleDeployment", SCHEDULED), entry("ScheduleChange", SCHEDULED),
			entry("CheckFreezeWindow", SCHEDULED), entry("ScheduleEnactment", SCHEDULED),
			entry("EnactmentBlockReached", SCHEDULED),
			entry("ImplementChange", IMPLEMENTING), entry("PipelineImplementsChange", IMPLEMENTING), entry("ImplementAndVerifyChange", IMPLEMENTING),
			entry("VerifyInStaging", IMPLEMENTING), entry("DeployToTarget", IMPLEMENTING),
			entry("ImplementFix", IMPLEMENTING), entry("AuthorizeEnactment", IMPLEMENTING),
			entry("MigrateByTooling", IMPLEMENTING), entry("RunRuntimeMigration", IMPLEMENTING),
			entry("RecordEnactedRelease", IMPLEMENTING),
			entry("VerifyChange", VERIFYING), entry("PipelineVerifiesChange", VERIFYING), entry("RollBackChange", VERIFYING),
			entry("VerifyByTooling", VERIFYING), entry("VerifyRuntimeUpgrade", VERIFYING),
			entry("AssessVerification", VERIFYING), entry("DecideRecovery", VERIFYING),
			entry("RecordRecovery", VERIFYING), entry("StartForwardFix", VERIFYING),
			// after the work: the emergency's approval after the fact and its review, the closure
			entry("RecordExecutionOutcome", CLOSING), entry("DetermineEmergencyApprovals", CLOSING),
			entry("RecordEmergencyApproval", CLOSING), entry("ReviewEmergencyChange", CLOSING),
			entry("StartFollowUpChange", CLOSING), entry("CloseChange", CLOSING),
			entry("CloseUnverifiedChange", CLOSING));

	/** End events after which a verified change counts as successful; every other end is not. */
	static final Set<String> SUCCESSFUL_ENDS = Set.of("ChangeClosed", "EmergencyChangeClosed", "RuntimeUpgradeEnacted");

	private ChangePhases() {
	}

	static Optional<ChangePhase> of(String activityId) {
		return Optional.ofNullable(BY_ACTIVITY.get(activityId));
	}

}
