package io.changeflow.security;

import static io.changeflow.security.EngineRest.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.changeflow.TestUsers;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each way around separation of duties, tried through /engine-rest as the people who would profit, and refused by the
 * engine with 403 and the rule; the task stays as it was, and the refusal is in the change's audit trail. Subclasses
 * choose the database.
 */
abstract class SeparationOfDutiesScenario {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identity;

	@Autowired
	TaskService tasks;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	private EngineRest rest;

	@BeforeEach
	void peopleWithTwoHats() {
		// rita requests changes and reviews others'; ian requests changes and implements them
		TestUsers.ensure(identity, "rita", "rita", Roles.REQUESTERS, Roles.REVIEWERS);
		TestUsers.ensure(identity, "ian", "ian", Roles.REQUESTERS, Roles.IMPLEMENTERS);
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		rest = new EngineRest(port);
	}

	@AfterEach
	void end() {
		changes.end();
	}

	@Test
	void theRequesterCannotClaimSubmitOrCompleteTheirOwnReview() {
		ProcessInstance change = changes.request("rita", Map.of("changeType", "application-code"), "requesters",
				"reviewers");
		Task review = changes.slotTask(change, "reviewers");

		assertRefused(post("rita", "/task/" + review.getId() + "/claim", Map.of("userId", "rita")),
				"rita requested this change and cannot be assigned its approval");
		assertRefused(post("rita", "/task/" + review.getId() + "/submit-form",
				Map.of("variables", Map.of("decision", value("approve")))),
				"rita requested this change and cannot decide on it");
		assertRefused(post("rita", "/task/" + review.getId() + "/complete",
				Map.of("variables", Map.of("decision", value("approve")))),
				"rita requested this change and cannot decide on it");

		assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
		assertThat(changes.variable(change, "approvals")).isEqualTo("[]");
		assertAudited(change, "rita", "assign ReviewChange to rita", "decide ReviewChange");
	}

	@Test
	void aChangeManagerCannotHandTheReviewToTheRequesterByAssignDelegateOrResolve() {
		ProcessInstance change = changes.request("rita", Map.of("changeType", "application-code"), "requesters",
				"reviewers");
		Task review = changes.slotTask(change, "reviewers");

		assertRefused(post("demo", "/task/" + review.getId() + "/assignee", Map.of("userId", "rita")),
				"rita requested this change and cannot be assigned its approval");
		assertRefused(post("demo", "/task/" + review.getId() + "/delegate", Map.of("userId", "rita")),
				"rita requested this change and cannot be assigned its approval");
		// resolving hands the task back to its owner: make the requester the owner, delegate, resolve
		assertThat(put("demo", "/task/" + review.getId(),
				Map.of("name", review.getName(), "owner", "rita", "priority", 50)).statusCode()).isEqualTo(204);
		assertThat(post("demo", "/task/" + review.getId() + "/delegate", Map.of("userId", "carol")).statusCode())
			.isEqualTo(204);
		assertRefused(post("carol", "/task/" + review.getId() + "/resolve", Map.of()),
				"rita requested this change and cannot be assigned its approval");

		assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo("carol");
		assertAudited(change, "demo", "assign ReviewChange to rita");
		assertAudited(change, "carol", "assign ReviewChange to rita");
	}

	@Test
	void onePersonFillsOneSlot() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "application-code"));
		List<Task> reviews = tasks.createTaskQuery().processInstanceId(change.getId()).taskCandidateGroup("reviewers")
			.list();
		assertThat(reviews).hasSize(2);

		assertThat(post("carol", "/task/" + reviews.get(0).getId() + "/claim", Map.of("userId", "carol"))
			.statusCode()).isEqualTo(204);
		assertRefused(post("carol", "/task/" + reviews.get(1).getId() + "/claim", Map.of("userId", "carol")),
				"carol already holds another slot of this change");
		assertThat(post("carol", "/task/" + reviews.get(0).getId() + "/complete",
				Map.of("variables", Map.of("decision", value("approve")))).statusCode()).isEqualTo(204);
		assertRefused(post("carol", "/task/" + reviews.get(1).getId() + "/complete",
				Map.of("variables", Map.of("decision", value("approve")))),
				"carol already decided on this change in this round");
		// nor can a change manager give carol the second slot
		assertRefused(post("demo", "/task/" + reviews.get(1).getId() + "/assignee", Map.of("userId", "carol")),
				"carol already decided on this change in this round");
		// a change manager is no reviewer either
		assertRefused(post("demo", "/task/" + reviews.get(1).getId() + "/assignee", Map.of("userId", "demo")),
				"demo is not a member of reviewers");

		assertThat(post("dave", "/task/" + reviews.get(1).getId() + "/complete",
				Map.of("variables", Map.of("decision", value("approve")))).statusCode()).isEqualTo(204);
		assertThat(changes.openTasks(change)).extracting(Task::getTaskDefinitionKey).contains("ApproveChangeInCab");
	}

	@Test
	void nobodyWritesApprovalsOutcomesOrTheRequesterDirectly() {
		ProcessInstance change = changes.request("alice", Map.of("changeType", "application-code"));
		Task review = changes.slotTask(change, "reviewers");
		String instance = "/process-instance/" + change.getId();

		// a change manager may write variables, but not the ones that carry decisions
		assertThat(put("demo", instance + "/variables/impactUsers", value("Internal users")).statusCode())
			.isEqualTo(204);
		assertRefused(put("demo", instance + "/variables/reviewOutcome", value("approved")),
				"reviewOutcome is recorded by the engine itself; demo cannot set it");
		assertRefused(post("demo", instance + "/variables",
				Map.of("modifications", Map.of("approvals", value("[{\"user\":\"x\"}]")))),
				"approvals is recorded by the engine itself");
		assertRefused(delete("demo", instance + "/variables/approvals"),
				"approvals is recorded by the engine itself; demo cannot delete it");
		assertRefused(put("demo", instance + "/variables/requester", value("mallory")),
				"requester is recorded by the engine itself");
		assertRefused(put("demo", "/task/" + review.getId() + "/localVariables/slot", value("cab-security")),
				"slot is recorded by the engine itself");
		// a reviewer's completion carries only their decision
		assertRefused(post("carol", "/task/" + review.getId() + "/complete", Map.of("variables",
				Map.of("decision", value("approve"), "reviewOutcome", value("approved")))),
				"reviewOutcome is recorded by the engine itself; carol cannot set it");
		// nor can an instance modification bring an approval along
		assertRefused(post("demo", instance + "/modification", Map.of("instructions",
				List.of(Map.of("type", "startBeforeActivity", "activityId", "ReviewChange#multiInstanceBody",
						"variables", Map.of("cabOutcome", Map.of("value", "approved", "local", false)))))),
				"cabOutcome is recorded by the engine itself");

		assertThat(changes.variable(change, "reviewOutcome")).isNotEqualTo("approved");
		assertThat(changes.variable(change, "requester")).isEqualTo("alice");
		assertThat(changes.openTasks(change)).extracting(Task::getTaskDefinitionKey).containsOnly("ReviewChange");
		assertAudited(change, "demo", "set variable reviewOutcome", "delete variable approvals");
		assertAudited(change, "carol", "set variable reviewOutcome");
	}

	@Test
	void aPipelineReportsItsResultButWritesNoDecision() {
		ProcessInstance change = changes.clearedToImplement(Map.of("implementation", "automated"));
		// this change's step (its changeId): other tests' automated changes wait on the topic too
		var locked = EngineRest.json(post("ci-bot", "/external-task/fetchAndLock", Map.of("workerId", "ci",
				"maxTasks", 1, "topics", List.of(Map.of("topicName", "change-implement", "lockDuration", 60000,
						"processVariables", Map.of("changeId", change.getBusinessKey()))))));
		String task = locked.get(0).get("id").asText();

		assertRefused(post("ci-bot", "/external-task/" + task + "/complete", Map.of("workerId", "ci", "variables",
				Map.of("implementationResult", value("success"), "outcome", value("Change closed")))),
				"outcome is recorded by the engine itself; ci-bot cannot set it");
		assertThat(post("ci-bot", "/external-task/" + task + "/complete", Map.of("workerId", "ci", "variables",
				Map.of("implementationResult", value("success")))).statusCode()).isEqualTo(204);
		assertAudited(change, "ci-bot", "set variable outcome");
	}

	@Test
	void aChangeCanOnlyBeRequestedAsOneself() {
		var request = new HashMap<String, Object>();
		Changes.completeRequest().forEach((name, value) -> request.put(name, value(value)));
		request.put("requester", value("bob"));
		long refusedBefore = startsRefused("rita");

		assertRefused(post("rita", "/process-definition/key/change-normal/start", Map.of("variables", request)),
				"requester is recorded by the engine itself; rita cannot set it");
		request.put("requester", value("rita"));
		var started = post("rita", "/process-definition/key/change-normal/start", Map.of("variables", request));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		assertThat(startsRefused("rita")).isEqualTo(refusedBefore + 1);
	}

	// a refused start has no change id yet: its refusal goes to the trail of refusals without a change
	private long startsRefused(String actor) {
		return jdbc.sql("select count(*) from cf_audit_event where chain_id = 'SECURITY' and actor = ?"
				+ " and event_type = 'duty.refused'").param(actor).query(Long.class).single();
	}

	@Test
	void theImplementerAndTheRequesterCannotVerify() {
		ProcessInstance change = changes.clearedToImplement(Map.of());
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Rolled out"));
		assertThat(changes.variable(change, "implementer")).isEqualTo("leo");
		Task verify = changes.slotTask(change, "implementers");
		assertThat(verify.getTaskDefinitionKey()).isEqualTo("VerifyChange");

		assertRefused(post("leo", "/task/" + verify.getId() + "/claim", Map.of("userId", "leo")),
				"leo implemented " + change.getBusinessKey() + " and cannot verify it");
		assertRefused(post("leo", "/task/" + verify.getId() + "/complete", Map.of("variables",
				Map.of("verificationResult", value("success"), "verificationNotes", value("Healthy")))),
				"leo implemented " + change.getBusinessKey() + " and cannot verify it");
		assertRefused(put("demo", "/process-instance/" + verify.getProcessInstanceId() + "/variables/implementer",
				value("heidi")), "implementer is recorded by the engine itself");

		assertThat(post("heidi", "/task/" + verify.getId() + "/complete", Map.of("variables",
				Map.of("verificationResult", value("success"), "verificationNotes", value("Healthy")))).statusCode())
			.isEqualTo(204);
		assertAudited(change, "leo", "assign VerifyChange", "complete VerifyChange");
	}

	@Test
	void theRequesterCannotVerifyTheirOwnChange() {
		ProcessInstance change = changes.request("ian", Map.of(), "requesters", "implementers");
		changes.approvedByReviewers(change);
		changes.decide(change, "cab-engineering-lead", "ivan", "approve");
		changes.decide(change, "cab-security", "judy", "approve");
		changes.decide(change, "cab-operations", "ken", "approve");
		changes.continueAsync(change);
		changes.runTimersDueBy(change, Instant.parse("2026-12-01T00:00:05Z"));
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Rolled out"));
		Task verify = changes.slotTask(change, "implementers");

		assertRefused(post("ian", "/task/" + verify.getId() + "/complete", Map.of("variables",
				Map.of("verificationResult", value("success"), "verificationNotes", value("Healthy")))),
				"ian requested " + change.getBusinessKey() + " and cannot verify it");
		assertThat(post("heidi", "/task/" + verify.getId() + "/complete", Map.of("variables",
				Map.of("verificationResult", value("success"), "verificationNotes", value("Healthy")))).statusCode())
			.isEqualTo(204);
	}

	private void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains(reason).contains("separation of duties");
	}

	/** Each action was refused for {@code actor} and is in the change's trail, which still verifies. */
	private void assertAudited(ProcessInstance change, String actor, String... actions) {
		List<String> refused = jdbc.sql("select details from cf_audit_event where change_id = ? and actor = ?"
				+ " and event_type = 'duty.refused'").params(change.getBusinessKey(), actor).query(String.class).list();
		for (String action : actions) {
			assertThat(refused).as("refusals of %s", actor).anySatisfy(details -> assertThat(details).contains(action));
		}
		var verified = rest.send("demo", "GET", "/api/audit/verify?changeId=" + change.getBusinessKey(), null);
		assertThat(verified.body()).contains("\"intact\":true");
	}

	private HttpResponse<String> post(String user, String path, Object body) {
		return rest.post(user, path, body);
	}

	private HttpResponse<String> put(String user, String path, Object body) {
		return rest.put(user, path, body);
	}

	private HttpResponse<String> delete(String user, String path) {
		return rest.delete(user, path);
	}

}
