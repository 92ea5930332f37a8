package io.changeflow.upgrade;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.changeflow.policy.PolicyDecisionLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Enactment of an approved runtime upgrade (002 §4.4): after the delay, only the artifact the validators approved is
 * authorized (as OpenGov's authorize_upgrade(code_hash)); the migration must report exactly that artifact and spec
 * version; verification decides whether the upgrade is done.
 */
@Service
class Enactment {

	static final String AUTHORIZED_HASH = "authorizedWasmHash";

	private final Votes votes;

	private final Blocks blocks;

	private final RuntimeReleases releases;

	private final PolicyDecisionLog decisions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Enactment(Votes votes, Blocks blocks, RuntimeReleases releases, PolicyDecisionLog decisions,
			ApplicationEventPublisher events, Clock clock) {
		this.votes = votes;
		this.blocks = blocks;
		this.releases = releases;
		this.decisions = decisions;
		this.events = events;
		this.clock = clock;
	}

	/** The enactment block: the configured delay after the vote was decided. */
	void schedule(DelegateExecution change) {
		Instant at = blocks.enactment(clock.instant());
		change.setVariable("enactmentAt", Date.from(at));
		change.setVariable("enactmentBlock", blocks.numberAt(at));
		decisions.record(change, "Schedule enactment", "Enactment at block " + blocks.numberAt(at) + " (" + at
				+ "), the enactment delay after the vote");
	}

	/**
	 * Authorizes the hash the validators approved, and only that one.
	 * @throws IllegalStateException if the proposal's hash is not the one voted on (nothing is enacted)
	 */
	void authorize(DelegateExecution change) {
		String proposed = (String) change.getVariable("wasmHash");
		String voted = (String) change.getVariable(ValidatorVoting.VOTED_HASH);
		var problems = new ArrayList<String>();
		if (voted == null || !voted.equals(proposed)) {
			problems.add("the proposal's WASM hash " + proposed + " is not the hash voted on " + voted);
		}
		votes.read(change)
			.stream()
			.filter(Vote::aye)
			.filter(vote -> !Objects.equals(vote.wasmHash(), proposed))
			.forEach(vote -> problems.add(vote.validator() + " voted aye on " + vote.wasmHash() + ", not on "
					+ proposed));
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Enactment refused, the approval is bound to the artifact voted on: "
					+ String.join("; ", problems));
		}
		change.setVariable(AUTHORIZED_HASH, proposed);
		decisions.record(change, "Authorize enactment", "Authorized " + proposed + ", the hash every aye vote was cast on");
	}

	/**
	 * Checks the migration report (any of the two variants) against the authorized artifact and records the release
	 * as enacted, so its spec version counts from now on even if verification fails.
	 * @throws InvalidRuntimeUpgradeException naming every problem, refusing the report
	 */
	void recordRelease(DelegateExecution change) {
		var problems = new ArrayList<String>();
		requireBoolean(change, "hooksExecuted", problems);
		requireBoolean(change, "storageMigrated", problems);
		long proposedVersion = ((Number) change.getVariable("specVersion")).longValue();
		Object reportedVersion = change.getVariable("enactedSpecVersion");
		if (reportedVersion == null || !Objects.toString(reportedVersion).strip().equals(Long.toString(proposedVersion))) {
			problems.add("enactedSpecVersion " + reportedVersion + " is not the proposed spec version " + proposedVersion);
		}
		String authorized = (String) change.getVariable(AUTHORIZED_HASH);
		String reportedHash = Objects.toString(change.getVariable("enactedWasmHash"), "").strip().toLowerCase(Locale.ROOT);
		if (!reportedHash.equals(authorized)) {
			problems.add("enactedWasmHash '" + reportedHash + "' is not the authorized hash " + authorized);
		}
		String specName = (String) change.getVariable("specName");
		// another proposal of the same version may have been enacted since this one was checked
		releases.lastEnactedVersion(specName)
			.stream()
			.filter(enacted -> enacted >= proposedVersion)
			.forEach(enacted -> problems.add(specName + " " + enacted + " is already enacted; " + proposedVersion
					+ " is no upgrade"));
		if (!problems.isEmpty()) {
			throw new InvalidRuntimeUpgradeException("Migration report refused", problems);
		}
		String changeId = (String) change.getVariable("changeId");
		Instant now = clock.instant();
		releases.enacted(specName, proposedVersion, authorized, changeId, now);
		change.setVariable("enactedSpecVersion", proposedVersion);
		change.setVariable("enactedWasmHash", authorized);
		decisions.record(change, "Record enacted release", specName + " " + proposedVersion + " (" + authorized
				+ ") enacted; later proposals must exceed this spec version");
		events.publishEvent(new RuntimeUpgradeEnacted(changeId, specName, proposedVersion, authorized, now));
	}

	/** Success only if blocks are produced, finality holds, features work and the migration ran completely. */
	void assessVerification(DelegateExecution change) {
		var problems = new ArrayList<String>();
		List.of("blockProduction", "finality", "featuresFunctional").forEach(name -> requireBoolean(change, name, problems));
		if (!problems.isEmpty()) {
			throw new InvalidRuntimeUpgradeException("Verification report refused", problems);
		}
		var failed = new ArrayList<String>();
		List.of("hooksExecuted", "storageMigrated", "blockProduction", "finality", "featuresFunctional")
			.stream()
			.filter(name -> !Boolean.TRUE.equals(change.getVariable(name)))
			.forEach(failed::add);
		String result = failed.isEmpty() ? "success" : "failed";
		change.setVariable("verificationResult", result);
		change.setVariable("verificationFindings", failed.isEmpty() ? "" : "Failed: " + String.join(", ", failed)
				+ ". " + Objects.toString(change.getVariable("verificationNotes"), "").strip());
		if (failed.isEmpty()) {
			change.setVariable("outcome", "Enacted and verified");
		}
		decisions.record(change, "Assess verification", "Verification " + result
				+ (failed.isEmpty() ? "" : ": " + String.join(", ", failed) + " not confirmed; no automatic rollback (002 §9.2)"));
	}

	private static void requireBoolean(DelegateExecution change, String name, List<String> problems) {
		if (!(change.getVariable(name) instanceof Boolean)) {
			problems.add(name + " must be reported as true or false, not " + change.getVariable(name));
		}
	}

}
