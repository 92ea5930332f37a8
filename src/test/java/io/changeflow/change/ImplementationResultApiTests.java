package io.changeflow.change;

import static io.changeflow.change.Changes.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

import java.util.List;
import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/**
 * {@code POST /api/changes/{changeId}/implementation-result}, for pipelines that run no worker. Who calls is set as
 * the engine's authentication, as the API authentication filter does, so these tests need no filter.
 */
@AppTest
class ImplementationResultApiTests {

	static final Map<String, Object> AUTOMATED = Map.of("implementation", "automated");

	static final List<String> CI_BOT = List.of("requesters", "pipelines");

	@Autowired
	WebApplicationContext context;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	IdentityService identity;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private MockMvc mvc;

	private Changes changes;

	@BeforeEach
	void setUp() {
		mvc = webAppContextSetup(context).build();
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void aPipelineReportsImplementationAndVerificationInOneCall() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "success", "verification": "success", "evidence": "Smoke tests 42/42",
				 "pipelineRunUrl": "https://ci.example/runs/7"}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changeId").value(change.getBusinessKey()))
			.andExpect(jsonPath("$.completed").value(contains("change-implement", "change-verify")))
			.andExpect(jsonPath("$.outcome").value("Implemented and verified"))
			.andExpect(jsonPath("$.waitingAt").value(contains("Close change")));

		assertThat(change).isWaitingAt("CloseChange")
			.variables()
			.containsEntry("implementationResult", "success")
			.containsEntry("verificationResult", "success")
			.containsEntry("verificationEvidence", "Smoke tests 42/42")
			.containsEntry("pipelineRunUrl", "https://ci.example/runs/7");
	}

	@Test
	void aFailedDeploymentIsReportedAloneAndGoesToRollBack() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "failed", "pipelineRunUrl": "https://ci.example/runs/8"}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.completed").value(contains("change-implement")))
			.andExpect(jsonPath("$.outcome").value("Deployment failed: rolled back"))
			.andExpect(jsonPath("$.waitingAt").value(contains("Roll back change")));
		assertThat(changes.step(change)).hasNotPassed("PipelineVerifiesChange");
	}

	@Test
	void aVerificationIsReportedAfterAWorkerDeployed() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);
		LockedExternalTask implement = fetchAsCiBot(change, "change-implement");
		as("ci-bot", CI_BOT);
		externalTasks.complete(implement.getId(), "deploy-runner", Map.of("implementationResult", "success"));
		identity.clearAuthentication();

		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "failed"}""")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("is deployed already and waits for its verification")));
		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "success", "verification": "failed", "evidence": "p99 latency 3 s"}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.completed").value(contains("change-verify")))
			.andExpect(jsonPath("$.outcome").value("Verification failed: rolled back"))
			.andExpect(jsonPath("$.waitingAt").value(contains("Roll back change")));
	}

	@Test
	void everyProblemOfTheBodyIsNamedAndNothingIsCompleted() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);

		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "success", "verification": true, "evidence": "%s",
				 "pipelineRunUrl": "ftp://ci.example/runs/9", "duration": 12}""".formatted("x".repeat(4001)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid implementation result"))
			.andExpect(jsonPath("$.problems", containsInAnyOrder("unknown field 'duration'",
					"verification must be a string, not boolean", "evidence is longer than 4000 characters",
					"pipelineRunUrl 'ftp://ci.example/runs/9' is not an http or https URL")));
		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "done", "pipelineRunUrl": "https://ci.example/%s"}""".formatted("r".repeat(2000)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.problems", containsInAnyOrder(
					"implementation 'done' is not one of success, failed",
					"pipelineRunUrl is longer than 2000 characters")));
		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "success"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.problems", containsInAnyOrder("verification is required", "evidence is required")));
		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "failed", "verification": "failed", "evidence": "n/a"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.problems", containsInAnyOrder(
					"verification is only reported after a successful implementation: nothing was deployed",
					"evidence is only reported after a successful implementation: nothing was deployed")));
		report("ci-bot", change.getBusinessKey(), "[]").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.problems[0]").value(
					"the body must be a JSON object with implementation, verification, evidence, pipelineRunUrl"));
		report("ci-bot", change.getBusinessKey(), "{").andExpect(status().isBadRequest());

		assertThat(changes.step(change)).isWaitingAt("PipelineImplementsChange");
	}

	@Test
	void onlyPipelinesReport() throws Exception {
		ProcessInstance change = changes.clearedToImplement(AUTOMATED);
		String body = """
				{"implementation": "failed"}""";

		mvc.perform(post(url(change.getBusinessKey())).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized());
		report("alice", List.of("requesters"), change.getBusinessKey(), body).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(
					"alice is not a member of pipelines: only CI/CD pipelines report implementation results"));
		report("leo", List.of("implementers"), change.getBusinessKey(), body).andExpect(status().isForbidden());

		assertThat(changes.step(change)).isWaitingAt("PipelineImplementsChange");
	}

	@Test
	void anUnknownChangeIsNotFound() throws Exception {
		report("ci-bot", "CHG-1999-0001", """
				{"implementation": "failed"}""")
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("No change CHG-1999-0001"));
	}

	@Test
	void withoutAnOpenPipelineStepItIsAConflict() throws Exception {
		String body = """
				{"implementation": "failed"}""";
		// each on its own service, so that none waits for another's slot
		ProcessInstance manual = changes.clearedToImplement(Map.of("service", "heliosdb-lite"));
		assertThat(changes.step(manual)).isWaitingAt("ImplementChange");
		report("ci-bot", manual.getBusinessKey(), body).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("has no pipeline step open")));

		ProcessInstance waiting = changes.scheduled(automatedOn("quantumharmony-node"));
		report("ci-bot", waiting.getBusinessKey(), body).andExpect(status().isConflict());

		ProcessInstance held = changes.clearedToImplement(automatedOn("quantumharmony-runtime"));
		fetchAsCiBot(held, "change-implement");
		report("ci-bot", held.getBusinessKey(), body).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("Worker deploy-runner holds change-implement")));

		ProcessInstance reported = changes.clearedToImplement(AUTOMATED);
		report("ci-bot", reported.getBusinessKey(), body).andExpect(status().isOk());
		report("ci-bot", reported.getBusinessKey(), body).andExpect(status().isConflict());
	}

	private static Map<String, Object> automatedOn(String service) {
		return Map.of("implementation", "automated", "service", service);
	}

	@Test
	void eachRunOfAStandardChangeReportsAfreshStagingThenTarget() throws Exception {
		ProcessInstance change = changes.requestStandard("alice", AUTOMATED);
		assertThat(changes.step(change)).isWaitingAt("PipelineImplementsChange").variables()
			.containsEntry("targetEnvironment", "staging");
		report("ci-bot", change.getBusinessKey(), """
				{"implementation": "success", "verification": "success", "evidence": "Staging smoke tests"}""")
			.andExpect(status().isOk());
		changes.continueAsync(change);
		changes.runTimersDueBy(change, NOW);

		ProcessInstance target = changes.step(change);
		assertThat(target).isWaitingAt("PipelineImplementsChange").variables()
			.containsEntry("targetEnvironment", "production");
		// staging's results came along with the other variables; the target's deployment must report its own
		assertThat(runtime.getVariable(target.getId(), "implementationResult")).isNull();
		LockedExternalTask implement = fetchAsCiBot(change, "change-implement");
		as("ci-bot", CI_BOT);
		assertThatThrownBy(() -> externalTasks.complete(implement.getId(), "deploy-runner", Map.of()))
			.isInstanceOf(BadUserRequestException.class)
			.hasMessage("Cannot complete 'Pipeline implements change': implementationResult is required");
		identity.clearAuthentication();
		assertThat(target).isWaitingAt("PipelineImplementsChange");
	}

	/** Locks the change's open step as a worker ({@code deploy-runner}) of ci-bot would. */
	private LockedExternalTask fetchAsCiBot(ProcessInstance change, String topic) {
		as("ci-bot", CI_BOT);
		try {
			List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "deploy-runner")
				.topic(topic, 60_000)
				.processInstanceVariableEquals("changeId", change.getBusinessKey())
				.execute();
			assertThat(locked).hasSize(1);
			return locked.get(0);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	private ResultActions report(String user, String changeId, String body) throws Exception {
		return report(user, CI_BOT, changeId, body);
	}

	private ResultActions report(String user, List<String> groups, String changeId, String body) throws Exception {
		as(user, groups);
		try {
			return mvc.perform(post(url(changeId)).contentType(MediaType.APPLICATION_JSON).content(body));
		}
		finally {
			identity.clearAuthentication();
		}
	}

	private void as(String user, List<String> groups) {
		identity.setAuthentication(user, groups);
	}

	private static String url(String changeId) {
		return "/api/changes/" + changeId + "/implementation-result";
	}

}
