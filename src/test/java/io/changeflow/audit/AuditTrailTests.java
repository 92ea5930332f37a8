package io.changeflow.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.changeflow.AppTest;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The trail tells a change's whole story, commits and rolls back with the engine's step, and shows tampering.
 */
@AppTest
class AuditTrailTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	TaskService tasks;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	AuditAnchors anchors;

	@Autowired
	PlatformTransactionManager transactions;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void aNormalChangeRunToItsEndLeavesWhoDidWhatWhenAndWhy() {
		ProcessInstance change = changes.clearedToImplement(Map.of("changeType", "documentation"));
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed docs v2"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "success", "verificationNotes", "Pages render"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));

		List<AuditEntry> rows = trail.trail(change.getBusinessKey());
		assertThat(rows.get(0)).extracting(AuditEntry::type, AuditEntry::actor, AuditEntry::seq)
			.containsExactly("change.requested", "alice", 1);
		assertThat(trail.read(rows.get(0))).containsEntry("title", "Rotate TLS certificates")
			.containsEntry("changeType", "documentation")
			.doesNotContainKey("policyDecisions");
		assertThat(rows).filteredOn(row -> row.type().equals("task.completed"))
			.extracting(AuditEntry::actor, AuditEntry::activityName, row -> trail.read(row))
			.containsExactly(tuple("carol", "Review change (peer review)", Map.of("decision", "approve")),
					tuple("ivan", "Approve change in CAB (engineering lead)", Map.of("decision", "approve")),
					tuple("judy", "Approve change in CAB (security representative)", Map.of("decision", "approve")),
					tuple("ken", "Approve change in CAB (operations representative)", Map.of("decision", "approve")),
					tuple("leo", "Implement change", Map.of("implementationNotes", "Deployed docs v2")),
					tuple("heidi", "Verify change",
							Map.of("verificationResult", "success", "verificationNotes", "Pages render")),
					tuple("leo", "Close change", Map.of("lessonsLearned", "none")));
		assertThat(rows).filteredOn(row -> row.type().equals("gateway.decided"))
			.extracting(row -> trail.read(row).get("gateway") + " " + trail.read(row).get("outcome"))
			.containsExactly("Review outcome? approved", "Testing evidence complete? yes", "CAB decision? approved",
					"Clear to implement? yes", "Run by pipeline? no", "Change verified? yes",
					"Change rolled back? no");
		assertThat(rows).filteredOn(row -> row.type().equals("policy.decided"))
			.extracting(row -> trail.read(row).get("gate"))
			.containsExactly("Check testing evidence", "Schedule change", "Check freeze before implementation");
		assertThat(rows).filteredOn(row -> row.type().equals("slot.booked"))
			.singleElement()
			.extracting(row -> trail.read(row).get("start"))
			.isEqualTo("2026-12-01T00:00:00Z");
		assertThat(rows).filteredOn(row -> row.type().equals("phase.changed"))
			.extracting(row -> trail.read(row).get("to"))
			.containsExactly("in-review", "awaiting-cab", "scheduled", "implementing", "verifying", "closing",
					"closed");
		// what the gate told pipelines is a deployment log: a chain of its own, kept one year
		assertThat(rows).filteredOn(row -> row.type().equals("gate.changed"))
			.extracting(AuditEntry::chainId)
			.containsOnly(change.getBusinessKey() + "/deployment");
		assertThat(verifier.verify(change.getBusinessKey()).intact()).isTrue();
	}

	@Test
	void claimsDelegationsAndTheirResolutionAreRecordedWithWhoDidThem() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "documentation"));
		String review = changes.slotTask(change, "reviewers").getId();
		as("carol", () -> tasks.claim(review, "carol"));
		// handing work on is a change manager's (TASK_ASSIGN); candidates only claim and complete
		as("demo", () -> tasks.delegateTask(review, "dave"));
		as("dave", () -> tasks.resolveTask(review));
		as("carol", () -> tasks.claim(review, null));

		assertThat(trail.trail(change.getBusinessKey())).filteredOn(row -> row.taskId() != null)
			.extracting(AuditEntry::type, AuditEntry::actor, row -> trail.read(row).get("assignee"))
			.containsExactly(tuple("task.created", null, null), tuple("task.claimed", "carol", "carol"),
					tuple("task.delegated", "demo", "dave"), tuple("task.resolved", "dave", "carol"),
					tuple("task.unclaimed", "carol", null));
	}

	@Test
	void whatAChangeManagerDoesToAnInstanceAroundItsModelIsRecorded() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "documentation"));
		engine.getIdentityService().setAuthentication("demo", List.of("change-managers", "camunda-admin"));
		try {
			engine.getRuntimeService().setVariable(change.getId(), "riskLevel", "Critical");
			engine.getRuntimeService().suspendProcessInstanceById(change.getId());
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}

		assertThat(trail.trail(change.getBusinessKey())).filteredOn(row -> row.type().equals("operation.performed"))
			.extracting(AuditEntry::actor, row -> trail.read(row))
			.containsExactly(
					tuple("demo", Map.of("operation", "SetVariable", "entity", "Variable")),
					tuple("demo", Map.of("operation", "Suspend", "entity", "ProcessInstance", "property",
							"suspensionState", "to", "suspended")));
	}

	@Test
	void aRefusedStepLeavesNoRowAndTheAcceptedOneHasItsRow() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "documentation"));
		int before = trail.trail(change.getBusinessKey()).size();

		// the requester may not approve: the engine refuses after the audit listener wrote its row, which rolls
		// back with the step; only the refusal itself is recorded, afterwards
		assertThatThrownBy(() -> changes.decide(change, "reviewers", "alice", "approve", null, "reviewers"))
			.hasMessageContaining("separation of duties");
		assertThat(trail.trail(change.getBusinessKey())).hasSize(before + 1)
			.filteredOn(row -> row.type().equals("duty.refused"))
			.extracting(AuditEntry::actor, row -> trail.read(row).get("action"))
			.containsExactly(tuple("alice", "decide ReviewChange"));

		changes.decide(change, "reviewers", "carol", "approve");
		assertThat(trail.trail(change.getBusinessKey())).filteredOn(row -> row.type().equals("task.completed"))
			.extracting(AuditEntry::actor)
			.containsExactly("carol");
	}

	@Test
	void aStepRolledBackByItsTransactionTakesItsRowWithIt() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "documentation"));
		String changeId = change.getBusinessKey();
		String review = changes.slotTask(change, "reviewers").getId();
		int before = trail.trail(changeId).size();

		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			engine.getIdentityService().setAuthentication("carol", List.of("reviewers"));
			try {
				tasks.complete(review, Map.of("decision", "approve"));
			}
			finally {
				engine.getIdentityService().clearAuthentication();
			}
			// inside the transaction the step and its row exist together ...
			assertThat(trail.trail(changeId)).extracting(AuditEntry::type).contains("task.completed");
			status.setRollbackOnly();
		});

		// ... and after the rollback neither does
		assertThat(trail.trail(changeId)).hasSize(before);
		assertThat(tasks.createTaskQuery().taskId(review).count()).isOne();
		assertThat(verifier.verify(changeId).intact()).isTrue();
	}

	@Test
	void anEditedRowIsNamedAsTheFirstBrokenLink() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "documentation"));
		String changeId = change.getBusinessKey();
		String original = jdbc.sql("select details from cf_audit_event where chain_id = ? and seq = 1")
			.param(changeId)
			.query(String.class)
			.single();
		try {
			jdbc.sql("update cf_audit_event set details = ? where chain_id = ? and seq = 1")
				.params(original.replace("alice", "mallory"), changeId)
				.update();

			var verification = verifier.verify(changeId);
			assertThat(verification.intact()).isFalse();
			assertThat(verification.firstBroken()).extracting(AuditVerifier.Broken::chainId,
					AuditVerifier.Broken::seq)
				.containsExactly(changeId, 1);
			assertThat(verification.firstBroken().problem()).contains("content no longer matches its hash");
			assertThat(verifier.verify(null).firstBroken().chainId()).isEqualTo(changeId);
		}
		finally {
			jdbc.sql("update cf_audit_event set details = ? where chain_id = ? and seq = 1")
				.params(original, changeId)
				.update();
		}
		assertThat(verifier.verify(changeId).intact()).isTrue();
	}

	@Test
	void aRemovedRowAndARemovedNewestRowAreFound() {
		String subject = "TAMPER-" + System.nanoTime();
		for (int i = 0; i < 3; i++) {
			trail.append(AuditRecord.of(subject, "test.recorded", "audrey", Map.of("n", i)));
		}
		anchors.anchor();
		var rows = jdbc.sql("select * from cf_audit_event where chain_id = ? order by seq")
			.param(subject)
			.query()
			.listOfRows();
		try {
			// a row taken out of the middle: the next one no longer links
			jdbc.sql("delete from cf_audit_event where chain_id = ? and seq = 2").param(subject).update();
			assertThat(verifier.verify(subject).firstBroken().problem())
				.isEqualTo("row 2 is missing (the next row is 3)");

			// the newest row taken out and the chain's head rewound to match: only the anchor remembers it
			restore(rows.get(1));
			jdbc.sql("delete from cf_audit_event where chain_id = ? and seq = 3").param(subject).update();
			jdbc.sql("update cf_audit_chain set head_seq = 2, head_hash = ? where chain_id = ?")
				.params(rows.get(1).get("hash"), subject)
				.update();
			assertThat(verifier.verify(subject).firstBroken()).extracting(AuditVerifier.Broken::seq,
					AuditVerifier.Broken::problem)
				.containsExactly(3, "anchor " + latestAnchor() + " sealed row 3 of " + subject + ", which is missing");
		}
		finally {
			jdbc.sql("delete from cf_audit_event where chain_id = ?").param(subject).update();
			rows.forEach(this::restore);
			jdbc.sql("update cf_audit_chain set head_seq = 3, head_hash = ? where chain_id = ?")
				.params(rows.get(2).get("hash"), subject)
				.update();
		}
		assertThat(verifier.verify(null).intact()).isTrue();
	}

	@Test
	void writersOfOneChangeQueueAndLeaveNoGap() throws Exception {
		String subject = "CONCURRENT-" + System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				int n = i;
				writes.add(pool.submit(() -> trail.append(AuditRecord.of(subject, "test.recorded", null,
						Map.of("n", n)))));
			}
			for (Future<?> write : writes) {
				write.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(trail.trail(subject)).extracting(AuditEntry::seq)
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
		assertThat(verifier.verify(subject).intact()).isTrue();
	}

	// with the user's real memberships, as the login would
	private void as(String user, Runnable action) {
		var identity = engine.getIdentityService();
		identity.setAuthentication(user,
				identity.createGroupQuery().groupMember(user).list().stream().map(group -> group.getId()).toList());
		try {
			action.run();
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

	private int latestAnchor() {
		return jdbc.sql("select max(seq) from cf_audit_anchor").query(Integer.class).single();
	}

	private void restore(Map<String, Object> row) {
		jdbc.sql("insert into cf_audit_event (chain_id, seq, change_id, occurred_at, event_type, actor, "
				+ "process_instance_id, activity_id, activity_name, task_id, details, prev_hash, hash) "
				+ "values (:chain_id, :seq, :change_id, :occurred_at, :event_type, :actor, :process_instance_id, "
				+ ":activity_id, :activity_name, :task_id, :details, :prev_hash, :hash)")
			.paramSource(lowerCaseKeys(row))
			.update();
	}

	private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
		var lower = new HashMap<String, Object>();
		row.forEach((key, value) -> lower.put(key.toLowerCase(), value));
		return lower;
	}

}
