package io.changeflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.audit.AuditedFlows;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of change-runtime-upgrade with the real delegates, forms, authorizations and the demo validators
 * victor, wendy, xavier and yvonne (threshold 3 of 4).
 */
@ExtendWith(AuditedFlows.class)
@AppTest
class RuntimeUpgradeProcessTests {

	static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	/** 100800 blocks of 6 s. */
	static final Duration VOTING_PERIOD = Duration.ofDays(7);

	/** 14400 blocks of 6 s. */
	static final Duration ENACTMENT_DELAY = Duration.ofDays(1);

	static final String HASH = "0x" + "ab".repeat(32);

	static final List<String> VALIDATORS = List.of("victor", "wendy", "xavier", "yvonne");

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	ManagementService management;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		forgetOwnState();
		AbstractAssertions.init(engine);
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	@AfterEach
	void tearDown() {
		forgetOwnState();
		identity.clearAuthentication();
		ClockUtil.reset();
	}

	private void forgetOwnState() {
		jdbc.sql("delete from cf_runtime_release").update();
		jdbc.sql("delete from cf_booking").update();
		jdbc.sql("delete from cf_freeze").update();
	}

	@Test
	void anInvalidProposalIsRefusedNamingEveryProblem() {
		jdbc.sql("insert into cf_runtime_release (spec_name, spec_version, wasm_hash, change_id, enacted_at)"
				+ " values ('quantumharmony', 105, ?, 'earlier', current_timestamp)").param(HASH).update();
		long before = runtime.createProcessInstanceQuery().processDefinitionKey("change-runtime-upgrade").count();

		assertThatThrownBy(() -> propose("alice", Map.of("wasmHash", "0x1234", "specVersion", 105L, "testTestnet",
				false, "securityAudit", false, "changelog", " ")))
			.hasMessageContaining("wasmHash '0x1234' is not 0x followed by 64 hexadecimal digits")
			.hasMessageContaining("specVersion 105 must be greater than 105, the last enacted version of quantumharmony")
			.hasMessageContaining("evidence missing: testnet deployment")
			.hasMessageContaining("a security audit is required for significant changes")
			.hasMessageContaining("changelog is required");
		assertThatThrownBy(() -> propose("alice", Map.of("specVersion", "106.5")))
			.hasMessageContaining("specVersion '106.5' is not a whole number");
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("change-runtime-upgrade").count())
			.isEqualTo(before);
	}

	@Test
	void anAcceptedProposalOpensTheVoteForEveryValidatorOnItsHash() {
		ProcessInstance upgrade = propose("alice", Map.of("wasmHash", HASH.toUpperCase().replace("0X", "0x")));

		assertThat(upgrade).isWaitingAt("VoteOnRuntimeUpgrade")
			.variables()
			.containsEntry("wasmHash", HASH)
			.containsEntry("votedWasmHash", HASH)
			.containsEntry("validators", "victor,wendy,xavier,yvonne")
			.containsEntry("service", "quantumharmony-runtime")
			.containsEntry("environment", "production")
			.containsEntry("votingEndsAt", Date.from(NOW.plus(VOTING_PERIOD)))
			.containsEntry("voteOutcome", "pending");
		assertThat(voteTasks(upgrade)).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(VALIDATORS);
		assertThat(voteTasks(upgrade)).allSatisfy(
				task -> assertThat(task.getDueDate()).isEqualTo(Date.from(NOW.plus(VOTING_PERIOD))));
		assertThat((String) runtime.getVariable(upgrade.getId(), "policyDecisions"))
			.contains("Runtime upgrade: unit, integration and staging")
			.contains("security audit AUD-7");
	}

	@Test
	void theVotePassesEarlyWithThreeAyesOfFourAndEnactmentIsScheduled() {
		ProcessInstance upgrade = propose("alice", Map.of());
		vote(upgrade, "victor", "aye");
		vote(upgrade, "wendy", "aye");
		assertThat(upgrade).isWaitingAt("VoteOnRuntimeUpgrade");

		ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(2))));
		vote(upgrade, "xavier", "aye");

		assertThat(voteTasks(upgrade)).isEmpty();
		Instant enactment = NOW.plus(Duration.ofHours(2)).plus(ENACTMENT_DELAY);
		assertThat(upgrade).hasPassed("ScheduleEnactment")
			.hasNotPassed("TallyVotes")
			.isWaitingAt("EnactmentBlockReached")
			.variables()
			.containsEntry("voteOutcome", "approved")
			.containsEntry("enactmentAt", Date.from(enactment))
			// (2026-11-22T11:00Z - 2026-01-01T00:00Z) / 6 s
			.containsEntry("enactmentBlock", 4_686_600L);
		Job timer = management.createJobQuery().processInstanceId(upgrade.getId()).activityId("EnactmentBlockReached")
			.singleResult();
		assertThat(timer.getDuedate()).isEqualTo(Date.from(enactment));
		assertThat((String) runtime.getVariable(upgrade.getId(), "votes")).contains("\"validator\":\"xavier\"")
			.contains("\"vote\":\"aye\"")
			.contains("\"wasmHash\":\"" + HASH + "\"");
	}

	@Test
	void theVoteFailsEarlyWithTwoNaysOfFour() {
		ProcessInstance upgrade = propose("alice", Map.of());
		vote(upgrade, "victor", "nay");
		assertThat(upgrade).isWaitingAt("VoteOnRuntimeUpgrade");
		vote(upgrade, "wendy", "nay");

		assertThat(upgrade).isEnded().hasPassed("RuntimeUpgradeRejected").hasNotPassed("ScheduleEnactment");
		assertThat(voteTasks(upgrade)).isEmpty();
	}

	@Test
	void aVoteUndecidedAtTheEndOfThePeriodIsRejectedWhenTwoThirdsVoted() {
		ProcessInstance upgrade = propose("alice", Map.of());
		vote(upgrade, "victor", "aye");
		vote(upgrade, "wendy", "aye");
		vote(upgrade, "xavier", "nay");
		assertThat(upgrade).isWaitingAt("VoteOnRuntimeUpgrade");

		runTimersDueBy(upgrade, NOW.plus(VOTING_PERIOD));

		assertThat(upgrade).isEnded()
			.hasPassed("VotingPeriodEnded", "TallyVotes", "RuntimeUpgradeRejected")
			.variables()
			.containsEntry("voteOutcome", "rejected")
			.containsEntry("voteTally", "2 aye, 1 nay, 1 not voted of 4 validators (threshold 3)");
	}

	@Test
	void aVoteWithTooFewVotersEndsWithoutQuorum() {
		ProcessInstance upgrade = propose("alice", Map.of());
		vote(upgrade, "victor", "aye");

		runTimersDueBy(upgrade, NOW.plus(VOTING_PERIOD).minusSeconds(1));
		assertThat(upgrade).isWaitingAt("VoteOnRuntimeUpgrade");
		runTimersDueBy(upgrade, NOW.plus(VOTING_PERIOD));

		assertThat(upgrade).isEnded()
			.hasPassed("TallyVotes", "NoQuorum")
			.variables()
			.containsEntry("voteOutcome", "no-quorum")
			.containsEntry("outcome", "No quorum: fewer than 2/3 of the validators voted");
	}

	@Test
	void aProposerWhoIsAValidatorCannotVoteOnTheirOwnUpgrade() {
		ProcessInstance upgrade = propose("victor", Map.of(), "requesters", "validators");

		assertThatThrownBy(() -> vote(upgrade, "victor", "aye"))
			.hasMessageContaining("victor proposed this runtime upgrade and cannot vote on it (separation of duties)");
		assertThat(voteTasks(upgrade)).hasSize(4);
	}

	@Test
	void aValidatorCannotCastAnotherValidatorsVote() {
		ProcessInstance upgrade = propose("alice", Map.of());
		Task victors = voteTask(upgrade, "victor");

		identity.setAuthentication("wendy", List.of("validators"));
		assertThatThrownBy(() -> tasks.complete(victors.getId(), Map.of("vote", "aye")))
			.isInstanceOf(AuthorizationException.class);
		// an administrator may see every task, but still cannot vote for a validator
		identity.setAuthentication("demo", List.of("change-managers", "validators"));
		assertThatThrownBy(() -> tasks.complete(victors.getId(), Map.of("vote", "aye")))
			.hasMessageContaining("demo cannot cast the vote of victor");
		identity.clearAuthentication();
		assertThat(voteTasks(upgrade)).hasSize(4);
		assertThat((String) runtime.getVariable(upgrade.getId(), "votes")).isEqualTo("[]");
	}

	@Test
	void aHashChangedAfterTheVoteStopsEnactmentWithAnIncident() {
		ProcessInstance upgrade = approved(Map.of());
		// e.g. through /engine-rest by someone allowed to update the instance
		runtime.setVariable(upgrade.getId(), "wasmHash", "0x" + "cd".repeat(32));

		runTimersDueBy(upgrade, NOW.plus(ENACTMENT_DELAY));
		Job authorize = management.createJobQuery().processInstanceId(upgrade.getId()).activityId("AuthorizeEnactment")
			.singleResult();
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThatThrownBy(() -> management.executeJob(authorize.getId()))
				.hasMessageContaining("is not the hash voted on " + HASH);
		}

		assertThat(runtime.createIncidentQuery().processInstanceId(upgrade.getId()).activityId("AuthorizeEnactment")
			.count()).isEqualTo(1);
		assertThat(upgrade).isActive().hasNotPassed("AuthorizeEnactment", "RunRuntimeMigration");
		assertThat(runtime.getVariable(upgrade.getId(), "authorizedWasmHash")).isNull();
		assertThat(releases()).isZero();
	}

	@Test
	void aPersonMigratesAndVerifiesAndTheEnactedVersionBlocksItsReuse() {
		ProcessInstance upgrade = enacted(Map.of());
		assertThat(upgrade).isWaitingAt("RunRuntimeMigration");
		assertThat(task(upgrade)).hasCandidateGroup("implementers");

		assertThatThrownBy(() -> complete(upgrade, "leo", "implementers",
				migration(104L, "0x" + "cd".repeat(32))))
			.hasMessageContaining("enactedSpecVersion 104 is not the proposed spec version 105")
			.hasMessageContaining("is not the authorized hash " + HASH);
		assertThat(releases()).isZero();
		complete(upgrade, "leo", "implementers", migration(105L, HASH.toUpperCase().replace("0X", "0x")));

		assertThat(upgrade).isWaitingAt("VerifyRuntimeUpgrade");
		assertThat(releases()).isEqualTo(1);
		complete(upgrade, "heidi", "implementers", verification(true));

		assertThat(upgrade).isWaitingAt("CloseChange").variables().containsEntry("verificationResult", "success");
		closeChange(upgrade);
		assertThat(upgrade).isEnded().hasPassed("RuntimeUpgradeEnacted").variables()
			.containsEntry("outcome", "Enacted and verified");

		assertThatThrownBy(() -> propose("bob", Map.of()))
			.hasMessageContaining("specVersion 105 must be greater than 105");
		assertThat(propose("bob", Map.of("specVersion", 106L))).isWaitingAt("VoteOnRuntimeUpgrade");
	}

	@Test
	void aVersionEnactedMeanwhileByAnotherProposalIsNotEnactedTwice() {
		ProcessInstance first = enacted(Map.of());
		ClockUtil.setCurrentTime(Date.from(NOW));
		ProcessInstance second = enacted(Map.of("title", "Runtime 105, again"));
		complete(first, "leo", "implementers", migration(105L, HASH));

		assertThatThrownBy(() -> complete(second, "leo", "implementers", migration(105L, HASH)))
			.hasMessageContaining("quantumharmony 105 is already enacted; 105 is no upgrade");
		assertThat(second).isWaitingAt("RunRuntimeMigration");
		assertThat(releases()).isEqualTo(1);
	}

	@Test
	void chainToolingMigratesAndVerifiesAsExternalTasks() {
		ProcessInstance upgrade = enacted(Map.of("implementation", "automated"));
		assertThat(upgrade).isWaitingAt("MigrateByTooling");

		LockedExternalTask migrate = fetch(upgrade, "runtime-upgrade-migrate");
		assertThat(migrate.getVariables().getValue("authorizedWasmHash", String.class)).isEqualTo(HASH);
		externalTasks.complete(migrate.getId(), "chain-tooling", migration(105L, HASH));

		assertThat(upgrade).isWaitingAt("VerifyByTooling");
		assertThat(releases()).isEqualTo(1);
		LockedExternalTask verify = fetch(upgrade, "runtime-upgrade-verify");
		externalTasks.complete(verify.getId(), "chain-tooling", verification(true));

		assertThat(upgrade).isWaitingAt("CloseChange").hasNotPassed("RunRuntimeMigration", "VerifyRuntimeUpgrade");
	}

	@Test
	void aFailedVerificationStartsAForwardFixLinkedBothWays() {
		ProcessInstance upgrade = migrated();
		complete(upgrade, "heidi", "implementers", verification(false));

		assertThat(upgrade).isWaitingAt("DecideRecovery");
		assertThat(task(upgrade)).hasCandidateGroup("validators").hasCandidateGroup("change-managers");
		assertThatThrownBy(() -> complete(upgrade, "wendy", "validators",
				Map.of("recovery", "rollback", "recoveryNotes", "undo")))
			.hasMessageContaining("recovery 'rollback' is not one of forward-fix, manual-intervention, hard-fork");
		complete(upgrade, "wendy", "validators",
				Map.of("recovery", "forward-fix", "recoveryNotes", "Finality stalls: fix the GRANDPA migration"));

		String changeId = (String) runtime.getVariable(upgrade.getId(), "changeId");
		String fixId = (String) runtime.getVariable(upgrade.getId(), "forwardFixChangeId");
		ProcessInstance fix = runtime.createProcessInstanceQuery().processInstanceBusinessKey(fixId).singleResult();
		assertThat(fix).isWaitingAt("ReviseProposal")
			.variables()
			.containsEntry("changeId", fixId)
			.containsEntry("forwardFixOf", changeId)
			.containsEntry("requester", "alice")
			.containsEntry("specName", "quantumharmony")
			.containsEntry("title", "Forward fix: Runtime 105");
		assertThat((String) runtime.getVariable(fix.getId(), "reviewFeedback")).contains("finality")
			.contains("fix the GRANDPA migration");
		assertThat(task(fix)).isAssignedTo("alice");
		assertThat(upgrade).isWaitingAt("CloseUnverifiedChange")
			.variables()
			.containsEntry("outcome", "Not verified: forward fix " + fixId);

		// the requester revises it into a full proposal above the version now enacted
		var revised = proposal();
		revised.put("specVersion", 106L);
		revised.put("wasmHash", "0x" + "ef".repeat(32));
		complete(fix, "alice", "requesters", revised);
		assertThat(fix).isWaitingAt("VoteOnRuntimeUpgrade").variables().containsEntry("forwardFixOf", changeId);
	}

	@Test
	void aHardForkIsRecordedAsSuchAndNothingIsRolledBack() {
		ProcessInstance upgrade = migrated();
		complete(upgrade, "heidi", "implementers", verification(false));
		complete(upgrade, "demo", "change-managers",
				Map.of("recovery", "hard-fork", "recoveryNotes", "Chain halted; coordinated fork at block 4700000"));

		assertThat(upgrade).isWaitingAt("CloseUnverifiedChange")
			.hasPassed("RecordRecovery")
			.hasNotPassed("StartForwardFix")
			.variables()
			.containsEntry("recovery", "hard-fork")
			.containsEntry("outcome", "Not verified: recovered by hard fork");
		assertThat((String) runtime.getVariable(upgrade.getId(), "policyDecisions"))
			.contains("Recovery by hard fork (002 §9.2): Chain halted");
		// the enacted version stays enacted: the chain runs it
		assertThat(releases()).isEqualTo(1);
		closeChange(upgrade);
		assertThat(upgrade).isEnded().hasPassed("RuntimeUpgradeNotVerified");
	}

	// --- driving the process as the people and the chain tooling would

	static HashMap<String, Object> proposal() {
		var variables = new HashMap<String, Object>();
		variables.put("title", "Runtime 105");
		variables.put("summary", "Staking fixes and a new treasury pallet");
		variables.put("specName", "quantumharmony");
		variables.put("specVersion", 105L);
		variables.put("wasmHash", HASH);
		variables.put("changelog", "- treasury pallet\n- staking reward fix");
		variables.put("migrationNotes", "Treasury storage v2 migration in on_runtime_upgrade");
		variables.put("significant", true);
		variables.put("testUnit", true);
		variables.put("testIntegration", true);
		variables.put("testTestnet", true);
		variables.put("testCanary", false);
		variables.put("securityAudit", true);
		variables.put("securityAuditReference", "AUD-7");
		variables.put("implementation", "manual");
		return variables;
	}

	private ProcessInstance propose(String requester, Map<String, Object> overrides, String... groups) {
		var variables = proposal();
		variables.putAll(overrides);
		identity.setAuthentication(requester, groups.length == 0 ? List.of("requesters") : List.of(groups));
		try {
			return runtime.startProcessInstanceByKey("change-runtime-upgrade", variables);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	private ProcessInstance approved(Map<String, Object> overrides) {
		ProcessInstance upgrade = propose("alice", overrides);
		vote(upgrade, "victor", "aye");
		vote(upgrade, "wendy", "aye");
		vote(upgrade, "xavier", "aye");
		assertThat(upgrade).isWaitingAt("EnactmentBlockReached");
		return upgrade;
	}

	/** Approved, enactment block reached and the voted hash authorized. */
	private ProcessInstance enacted(Map<String, Object> overrides) {
		ProcessInstance upgrade = approved(overrides);
		runTimersDueBy(upgrade, NOW.plus(ENACTMENT_DELAY).minusSeconds(1));
		assertThat(upgrade).isWaitingAt("EnactmentBlockReached");
		runTimersDueBy(upgrade, NOW.plus(ENACTMENT_DELAY));
		assertThat(upgrade).isWaitingAt("AuthorizeEnactment");
		management.executeJob(management.createJobQuery().processInstanceId(upgrade.getId())
			.activityId("AuthorizeEnactment").singleResult().getId());
		assertThat(upgrade).variables().containsEntry("authorizedWasmHash", HASH);
		return upgrade;
	}

	private ProcessInstance migrated() {
		ProcessInstance upgrade = enacted(Map.of());
		complete(upgrade, "leo", "implementers", migration(105L, HASH));
		assertThat(upgrade).isWaitingAt("VerifyRuntimeUpgrade");
		return upgrade;
	}

	private static Map<String, Object> migration(long specVersion, String wasmHash) {
		return Map.of("hooksExecuted", true, "storageMigrated", true, "enactedSpecVersion", specVersion,
				"enactedWasmHash", wasmHash);
	}

	private static Map<String, Object> verification(boolean finality) {
		return Map.of("blockProduction", true, "finality", finality, "featuresFunctional", true,
				"verificationNotes", finality ? "All good" : "GRANDPA finality stalled after the upgrade");
	}

	private void vote(ProcessInstance upgrade, String validator, String vote) {
		Task task = voteTask(upgrade, validator);
		identity.setAuthentication(validator, List.of("validators"));
		try {
			tasks.complete(task.getId(), Map.of("vote", vote, "voteComment", validator + " reviewed the changelog"));
		}
		finally {
			identity.clearAuthentication();
		}
	}

	private Task voteTask(ProcessInstance upgrade, String validator) {
		return tasks.createTaskQuery().processInstanceId(upgrade.getId()).taskDefinitionKey("VoteOnRuntimeUpgrade")
			.taskAssignee(validator).singleResult();
	}

	private List<Task> voteTasks(ProcessInstance upgrade) {
		return tasks.createTaskQuery().processInstanceId(upgrade.getId()).taskDefinitionKey("VoteOnRuntimeUpgrade")
			.list();
	}

	private Task task(ProcessInstance upgrade) {
		return tasks.createTaskQuery().processInstanceId(upgrade.getId()).singleResult();
	}

	private void complete(ProcessInstance upgrade, String user, String group, Map<String, Object> variables) {
		Task task = task(upgrade);
		identity.setAuthentication(user, List.of(group));
		try {
			tasks.complete(task.getId(), variables);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	private void closeChange(ProcessInstance upgrade) {
		ProcessInstance closure = runtime.createProcessInstanceQuery().superProcessInstanceId(upgrade.getId())
			.singleResult();
		complete(closure, "leo", "implementers", Map.of("lessonsLearned", "none"));
	}

	// this upgrade's task, as a tool that works on one upgrade asks for it: other tests' upgrades wait on the topic too
	private LockedExternalTask fetch(ProcessInstance upgrade, String topic) {
		List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "chain-tooling")
			.topic(topic, 60_000)
			.businessKey(upgrade.getBusinessKey())
			.execute();
		assertThat(locked).hasSize(1);
		return locked.get(0);
	}

	/** Moves the engine clock and fires the timers due by then, one at a time as the job executor would. */
	private void runTimersDueBy(ProcessInstance upgrade, Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
		Job due;
		while ((due = management.createJobQuery().processInstanceId(upgrade.getId()).timers()
			.duedateLowerThan(Date.from(instant.plusMillis(1))).orderByJobDuedate().asc().listPage(0, 1).stream()
			.findFirst().orElse(null)) != null) {
			management.executeJob(due.getId());
		}
	}

	private long releases() {
		return jdbc.sql("select count(*) from cf_runtime_release").query(Long.class).single();
	}

}
