package io.changeflow.upgrade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.security.Roles;
import io.changeflow.security.SeparationOfDuties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The validator vote of 002 §4.4: who may vote, what a vote records, and when the vote is decided. The rules run in
 * the engine (delegates, task listener), so Tasklist and /engine-rest are refused alike.
 */
@Service
class ValidatorVoting {

	static final String VOTED_HASH = "votedWasmHash";

	static final String TALLY = "voteTally";

	static final String ENDS_AT = "votingEndsAt";

	static final String GATE = "Validator vote";

	private final Votes votes;

	private final Blocks blocks;

	private final PolicyDecisionLog decisions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SeparationOfDuties duties;

	ValidatorVoting(Votes votes, Blocks blocks, PolicyDecisionLog decisions, ApplicationEventPublisher events,
			Clock clock, SeparationOfDuties duties) {
		this.votes = votes;
		this.blocks = blocks;
		this.decisions = decisions;
		this.events = events;
		this.clock = clock;
		this.duties = duties;
	}

	/** Fixes the electorate (current members of "validators"), the hash voted on and the end of the period. */
	void open(DelegateExecution change) {
		IdentityService identity = change.getProcessEngineServices().getIdentityService();
		// the proposer need not be allowed to list users; the electorate is the group's members all the same
		List<String> validators = Context.getCommandContext()
			.runWithoutAuthorization(() -> identity.createUserQuery()
				.memberOfGroup(Roles.VALIDATORS)
				.orderByUserId()
				.asc()
				.list()
				.stream()
				.map(User::getId)
				.toList());
		if (validators.isEmpty()) {
			throw new InvalidRuntimeUpgradeException("Cannot open the validator vote",
					List.of("group " + Roles.VALIDATORS + " has no members, so no one can vote"));
		}
		Instant now = clock.instant();
		Instant ends = blocks.votingEnds(now);
		change.setVariable(Votes.VALIDATORS, String.join(",", validators));
		change.setVariable(VOTED_HASH, change.getVariable("wasmHash"));
		change.setVariable(ENDS_AT, Date.from(ends));
		change.setVariable("votingEndsAtBlock", blocks.numberAt(ends));
		// validators are reminded a day before the vote closes (or halfway through a shorter period)
		Duration period = Duration.between(now, ends);
		Duration lead = period.compareTo(Duration.ofDays(2)) >= 0 ? Duration.ofDays(1) : period.dividedBy(2);
		change.setVariable("voteReminderAt", Date.from(ends.minus(lead)));
		change.setVariable(Votes.OUTCOME, VoteTally.PENDING);
		votes.write(change, List.of());
		decisions.record(change, GATE, "Vote opened for " + validators.size() + " validators (" + String.join(", ",
				validators) + ") on " + change.getVariable("wasmHash") + " until block " + blocks.numberAt(ends)
				+ " (" + ends + "); approval needs 2/3 of all validators: " + new VoteTally(validators.size(), 0, 0)
					.threshold());
	}

	/**
	 * Records the vote of the validator completing {@code task} and decides the vote early when no remaining vote can
	 * change it.
	 * @throws VoteRefusedException if this person may not cast this vote
	 */
	void cast(DelegateTask task) {
		Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (actor == null || actor.getUserId() == null) {
			throw new VoteRefusedException("A vote must be cast by an authenticated validator");
		}
		String user = actor.getUserId();
		String changeId = (String) task.getVariable("changeId");
		String validator = (String) task.getVariable("validator");
		if (!user.equals(validator)) {
			throw duties.refuse(changeId, user, "vote", user + " cannot cast the vote of " + validator);
		}
		if (actor.getGroupIds() == null || !actor.getGroupIds().contains(Roles.VALIDATORS)) {
			throw new VoteRefusedException(user + " is no longer a member of " + Roles.VALIDATORS);
		}
		if (user.equals(task.getVariable("requester"))) {
			throw duties.refuse(changeId, user, "vote", user + " proposed this runtime upgrade and cannot vote on it");
		}
		if (votes.read(task).stream().anyMatch(vote -> vote.validator().equals(user))) {
			throw duties.refuse(changeId, user, "vote", user + " has already voted on this runtime upgrade");
		}
		String vote = Vote.parse(task.getVariable("vote"));
		if (vote == null) {
			throw new VoteRefusedException("vote must be aye or nay, not '" + task.getVariable("vote") + "'");
		}
		String votedHash = (String) task.getVariable(VOTED_HASH);
		if (!Objects.equals(votedHash, task.getVariable("wasmHash"))) {
			throw new VoteRefusedException("the proposal's WASM hash changed after the vote opened ("
					+ votedHash + " → " + task.getVariable("wasmHash") + "); the vote is bound to " + votedHash);
		}
		String comment = Objects.toString(task.getVariable("voteComment"), "").strip();
		votes.add(task, new Vote(user, vote, comment, clock.instant().toString(), votedHash));
		VoteTally tally = votes.tally(task);
		String outcome = tally.duringPeriod();
		task.setVariable(Votes.OUTCOME, outcome);
		if (!VoteTally.PENDING.equals(outcome)) {
			decided(task, outcome, tally, "decided early");
		}
		// the next validator's form must not arrive pre-filled with this vote
		task.removeVariable("vote");
		task.removeVariable("voteComment");
	}

	/**
	 * A vote task belongs to its validator: nobody else may hold it. (The proposer, a validator too, holds theirs
	 * but cannot cast it.)
	 * @throws io.changeflow.security.SeparationOfDutiesException otherwise
	 */
	void assigned(DelegateTask task) {
		String assignee = task.getAssignee();
		if (assignee == null) {
			return;
		}
		Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		String changeId = (String) task.getVariable("changeId");
		String action = "assign the vote of " + task.getVariable("validator") + " to " + assignee;
		if (!assignee.equals(task.getVariable("validator"))) {
			throw duties.refuse(changeId, (actor != null) ? actor.getUserId() : null, action,
					"the vote of " + task.getVariable("validator") + " cannot be assigned to " + assignee);
		}
	}

	/** The period ended before the vote was decided: the tally decides. */
	void close(DelegateExecution change) {
		VoteTally tally = votes.tally(change);
		String outcome = tally.atEndOfPeriod();
		change.setVariable(Votes.OUTCOME, outcome);
		decided(change, outcome, tally, "voting period ended");
	}

	private void decided(VariableScope change, String outcome, VoteTally tally,
			String how) {
		change.setVariable(TALLY, tally.toString());
		if (!VoteTally.APPROVED.equals(outcome)) {
			change.setVariable("outcome", VoteTally.REJECTED.equals(outcome) ? "Rejected by the validators"
					: "No quorum: fewer than 2/3 of the validators voted");
		}
		decisions.record(change, GATE, "Vote " + outcome + " (" + how + "): " + tally
				+ (VoteTally.NO_QUORUM.equals(outcome) ? "; quorum is 2/3 of all validators voting" : ""));
		events.publishEvent(new RuntimeUpgradeVoteDecided((String) change.getVariable("changeId"),
				(String) change.getVariable("specName"), ((Number) change.getVariable("specVersion")).longValue(),
				(String) change.getVariable(VOTED_HASH), outcome, tally.ayes(), tally.nays(), tally.validators()));
	}

}
