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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Camunda Forms in the real Tasklist (headless Chromium): a reviewer approves a change and the CAB sees the rules
 * the policy applied; the request form asks for service, environment, related incident and canary evidence; a change
 * manager opens the form that declares a freeze.
 */
// own in-memory database: other Spring test classes use jdbc:h2:mem:changeflow
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
class TasklistBrowserTests {

	private static final String TITLE = "Rotate TLS certificates";

	private static final String SUMMARY = "Replace the expiring TLS certificates of the public load balancer.";

	private static final String REVIEW_TASK = "Review change (peer review)";

	@RegisterExtension
	static final Chromium chromium = new Chromium("tasklist");

	@LocalServerPort
	private int port;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private HistoryService historyService;

	@Test
	void reviewerApprovesAChangeInTasklist() throws IOException {
		String processInstanceId = requestDocumentationChange();

		signInAs("carol");
		openTaskFromAllTasksFilter(REVIEW_TASK);
		claim();

		// the disabled fields show what the requester submitted
		chromium.until(ExpectedConditions.attributeToBe(formField("Field_title"), "value", TITLE));
		assertThat(chromium.driver().findElement(formField("Field_summary")).getDomProperty("value"))
			.isEqualTo(SUMMARY);
		assertThat(chromium.driver().findElement(formField("Field_title")).isEnabled()).isFalse();
		chromium.screenshot("tasklist-review-form.png");

		chromium.click(option("Field_decision", "Approve"));
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));

		// Tasklist removes the completed task from the view once the engine has accepted it
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(formField("Field_title")));
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
		signInAs("ivan");
		openTaskFromAllTasksFilter("Approve change in CAB (engineering lead)");
		chromium.until(ExpectedConditions.attributeToBe(formField("Field_testingEvidenceRule"), "value",
				"Documentation: no tests required (002 §7.1)"));
		assertThat(chromium.driver().findElement(formField("Field_approvalPolicyRules")).getDomProperty("value"))
			.contains("Documentation");
		chromium.screenshot("tasklist-cab-form.png");
	}

	@Test
	void theRequestFormAsksForServiceEnvironmentIncidentAndEvidence() throws IOException {
		signInAs("alice");
		startProcess("Normal change");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(formField("Field_title")));
		assertThat(label("Field_service")).isEqualTo("Service *");
		assertThat(label("Field_environment")).isEqualTo("Environment *");
		assertThat(label("Field_relatedIncident")).isEqualTo("Related incident (e.g. INC-42)");
		assertThat(label("Field_testCanary")).isEqualTo("Mainnet canary successful");
		((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
				chromium.driver().findElement(formField("Field_service")));
		chromium.screenshot("tasklist-request-form.png");
	}

	@Test
	void aRequesterStartsAStandardChangeAndTheEngineDecidesItIsPreApproved() throws IOException {
		signInAs("alice");
		startProcess("Standard change");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(formField("Field_title")));
		type("Field_title", "Bump serde to 1.0.215");
		type("Field_summary", "Patch release with a parser fix");
		choose("Field_standardType", "Dependency update (patch)");
		// the dependency fields appear only for a dependency update
		chromium.until(ExpectedConditions.visibilityOfElementLocated(formField("Field_fromVersion")));
		choose("Field_service", "changeflow");
		choose("Field_environment", "Production");
		type("Field_dependency", "serde");
		type("Field_fromVersion", "1.0.214");
		type("Field_toVersion", "1.0.215");
		chromium.click(formField("Field_ciPassed"));
		type("Field_implementationPlan", "Merge the Renovate PR");
		type("Field_rollbackPlan", "Revert the PR");
		chromium.screenshot("tasklist-request-standard-change-form.png");
		chromium.click(By.xpath("//*[contains(@class,'modal')]//button[normalize-space()='Start']"));

		chromium.until(ExpectedConditions.invisibilityOfElementLocated(formField("Field_title")));
		var started = historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey("change-standard")
			.startedBy("alice")
			.singleResult();
		assertThat(started).as("a standard change started by alice").isNotNull();
		assertThat(taskService.createTaskQuery().processVariableValueEquals("changeId", started.getId())
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
		signInAs("demo");
		startProcess("Declare freeze");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(formField("Field_name")));
		assertThat(label("Field_name")).isEqualTo("Name *");
		assertThat(label("Field_reason")).isEqualTo("Reason *");
		assertThat(label("Field_services")).isEqualTo("Services");
		assertThat(chromium.driver().findElements(By.cssSelector(".fjs-container [class*='fjs-form-field-datetime']")))
			.hasSize(2);
		chromium.screenshot("tasklist-declare-freeze-form.png");
	}

	// one browser for the class: drop the previous user's session and remembered Tasklist state (selected filter) first
	private void signInAs(String user) {
		chromium.driver().manage().deleteAllCookies();
		if (chromium.driver().getCurrentUrl().startsWith("http://localhost:" + this.port)) {
			((JavascriptExecutor) chromium.driver()).executeScript("window.localStorage.clear()");
		}
		chromium.logInToTasklist("http://localhost:" + this.port, user);
	}

	private static String label(String componentId) {
		return chromium.driver()
			.findElement(By.cssSelector(".fjs-container label[for$='-" + componentId + "']"))
			.getText()
			.replaceAll("\\s+", " ")
			.strip();
	}

	private void openTaskFromAllTasksFilter(String taskName) {
		chromium.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'task-filters')]//*[contains(@class,'name') and starts-with(normalize-space(),'All tasks')]")))
			.click();
		chromium.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'tasks-list')]//a[normalize-space()='" + taskName + "']")))
			.click();
	}

	private void claim() {
		// a candidate-group task is unassigned; Tasklist enables "Complete" only for the assignee
		chromium.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".task-details button.claim"))).click();
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details button.claim")));
	}

	// form-js derives input ids from the component id: "fjs-form-<form instance>-<component id>"
	private static By formField(String componentId) {
		return By.cssSelector(".fjs-container [id$='-" + componentId + "']");
	}

	private static void startProcess(String name) {
		chromium.click(By.xpath("//a[normalize-space()='Start process']"));
		chromium.click(By.xpath("//*[contains(@class,'modal')]//a[normalize-space()='" + name + "']"));
	}

	private static void type(String componentId, String text) {
		chromium.driver().findElement(formField(componentId)).sendKeys(text);
	}

	// a form-js select opens a list of its values when its field is clicked
	private static void choose(String componentId, String value) {
		chromium.click(By.xpath("//*[contains(@class,'fjs-form-field-select')][.//*[contains(@id,'-" + componentId
				+ "')]]//*[contains(@class,'fjs-input-group')]"));
		chromium.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + value + "']"));
	}

	// radio and checkbox inputs sit inside a label carrying the option's text
	private static By option(String componentId, String label) {
		return By.xpath("//*[contains(@class,'fjs-container')]//label[contains(@for,'-" + componentId
				+ "-')][normalize-space()='" + label + "']");
	}

}
