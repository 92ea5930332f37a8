package io.changeflow;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda Forms in the real Tasklist (headless Chromium): a reviewer approves a change and the CAB sees the rules
 * the policy applied; the request form asks for service, environment, related incident and canary evidence; a change
 * manager opens the form that declares a freeze.
 */
@AppTest
class TasklistBrowserTests {

	private static final String TITLE = "Rotate TLS certificates";

	private static final String SUMMARY = "Replace the expiring TLS certificates of the public load balancer.";

	private static final String REVIEW_TASK = "Review change (peer review)";

	private static final String STANDARD_TITLE = "Bump serde to 1.0.215 from Tasklist";

	@RegisterExtension
	static final Chromium chromium = new Chromium("tasklist");

	@LocalServerPort
	private int port;

	private Tasklist tasklist;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private HistoryService historyService;

	@BeforeEach
	void openTasklist() {
		tasklist = new Tasklist(chromium, port);
	}

	@Test
	void reviewerApprovesAChangeInTasklist() throws IOException {
		String processInstanceId = requestDocumentationChange();

		tasklist.signInAs("carol");
		Task review = taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ReviewChange")
			.singleResult();
		assertThat(review.getName()).isEqualTo(REVIEW_TASK);
		tasklist.openTask(review);
		tasklist.claim();

		// the disabled fields show what the requester submitted
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_title"), "value", TITLE));
		assertThat(chromium.driver().findElement(Tasklist.field("Field_summary")).getDomProperty("value"))
			.isEqualTo(SUMMARY);
		assertThat(chromium.driver().findElement(Tasklist.field("Field_title")).isEnabled()).isFalse();
		chromium.screenshot("tasklist-review-form.png");

		chromium.click(Tasklist.option("Field_decision", "Approve"));
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));

		// Tasklist removes the completed task from the view once the engine has accepted it
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(Tasklist.field("Field_title")));
		chromium.screenshot("tasklist-after-complete.png");

		assertThat(historyService.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ReviewChange")
			.finished()
			.list()).extracting(HistoricTaskInstance::getAssignee).containsExactly("carol");
		assertThat(taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ReviewChange")
			.count()).isZero();
		assertThat(taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ApproveChangeInCab")
			.count()).isEqualTo(3);

		// the CAB sees which testing-evidence and approval rules the policy applied
		tasklist.signInAs("ivan");
		Task cab = taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskCandidateGroup("cab-engineering-lead")
			.singleResult();
		assertThat(cab.getName()).isEqualTo("Approve change in CAB (engineering lead)");
		tasklist.openTask(cab);
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_testingEvidenceRule"), "value",
				"Documentation: no tests required (002 §7.1)"));
		assertThat(chromium.driver().findElement(Tasklist.field("Field_approvalPolicyRules")).getDomProperty("value"))
			.contains("Documentation");
		chromium.screenshot("tasklist-cab-form.png");
	}

	@Test
	void theRequestFormAsksForServiceEnvironmentIncidentAndEvidence() throws IOException {
		tasklist.signInAs("alice");
		tasklist.startProcess("Normal change");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(Tasklist.field("Field_title")));
		assertThat(tasklist.label("Field_service")).isEqualTo("Service *");
		assertThat(tasklist.label("Field_environment")).isEqualTo("Environment *");
		assertThat(tasklist.label("Field_relatedIncident")).isEqualTo("Related incident (e.g. INC-42)");
		assertThat(tasklist.label("Field_testCanary")).isEqualTo("Mainnet canary successful");
		((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
				chromium.driver().findElement(Tasklist.field("Field_service")));
		chromium.screenshot("tasklist-request-form.png");
	}

	@Test
	void aRequesterStartsAStandardChangeAndTheEngineDecidesItIsPreApproved() throws IOException {
		tasklist.signInAs("alice");
		tasklist.startProcess("Standard change");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(Tasklist.field("Field_title")));
		tasklist.type("Field_title", STANDARD_TITLE);
		tasklist.type("Field_summary", "Patch release with a parser fix");
		tasklist.choose("Field_standardType", "Dependency update (patch)");
		// the dependency fields appear only for a dependency update
		chromium.until(ExpectedConditions.visibilityOfElementLocated(Tasklist.field("Field_fromVersion")));
		tasklist.choose("Field_service", "changeflow");
		tasklist.choose("Field_environment", "Production");
		tasklist.type("Field_dependency", "serde");
		tasklist.type("Field_fromVersion", "1.0.214");
		tasklist.type("Field_toVersion", "1.0.215");
		chromium.click(Tasklist.field("Field_ciPassed"));
		tasklist.type("Field_implementationPlan", "Merge the Renovate PR");
		tasklist.type("Field_rollbackPlan", "Revert the PR");
		chromium.screenshot("tasklist-request-standard-change-form.png");
		chromium.click(By.xpath("//*[contains(@class,'modal')]//button[normalize-space()='Start']"));

		chromium.until(ExpectedConditions.invisibilityOfElementLocated(Tasklist.field("Field_title")));
		// this test's change, by its title: other tests' changes, alice's too, share the engine
		var started = runtimeService.createProcessInstanceQuery()
			.processDefinitionKey("change-standard")
			.variableValueEquals("title", STANDARD_TITLE)
			.singleResult();
		assertThat(started).as("the standard change alice started").isNotNull();
		assertThat(runtimeService.getVariable(started.getId(), "requester")).isEqualTo("alice");
		assertThat(taskService.createTaskQuery().processVariableValueEquals("changeId", started.getBusinessKey())
			.taskDefinitionKey("ImplementChange").count()).as("pre-approved: straight to the staging rehearsal")
			.isEqualTo(1);
	}

	/** A documentation change needs a single peer review. Started as alice, the requester. */
	private String requestDocumentationChange() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("title", TITLE);
		variables.put("summary", SUMMARY);
		variables.put("changeType", "documentation");
		variables.put("riskLevel", "low");
		variables.put("service", "changeflow");
		variables.put("environment", "production");
		variables.put("justification", "The certificates expire in 30 days.");
		variables.put("impactSystems", "public load balancer");
		variables.put("impactUsers", "none expected");
		variables.put("implementationPlan", "Upload the new certificates and reload the listeners.");
		variables.put("rollbackPlan", "Re-upload the previous certificates.");
		variables.put("testingEvidence", "Verified on staging.");
		variables.put("requestedDate", "2026-12-01");
		identityService.setAuthentication("alice", List.of("requesters"));
		try {
			return runtimeService.startProcessInstanceByKey("change-normal", variables).getId();
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	@Test
	void aChangeManagerDeclaresAFreezeFromTasklist() throws IOException {
		tasklist.signInAs("demo");
		tasklist.startProcess("Declare freeze");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(Tasklist.field("Field_name")));
		assertThat(tasklist.label("Field_name")).isEqualTo("Name *");
		assertThat(tasklist.label("Field_reason")).isEqualTo("Reason *");
		assertThat(tasklist.label("Field_services")).isEqualTo("Services");
		assertThat(chromium.driver().findElements(By.cssSelector(".fjs-container [class*='fjs-form-field-datetime']")))
			.hasSize(2);
		chromium.screenshot("tasklist-declare-freeze-form.png");
	}

}
