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
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reviewer works a change in the real Tasklist (headless Chromium): the Camunda Form renders the change's data
 * and completing it with "Approve" moves the change on to CAB approval.
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

		chromium.logInToTasklist("http://localhost:" + this.port, "carol");
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

	private void openTaskFromAllTasksFilter(String taskName) {
		chromium.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'task-filters')]//*[contains(@class,'name') and normalize-space()='All tasks']")))
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

	// radio and checkbox inputs sit inside a label carrying the option's text
	private static By option(String componentId, String label) {
		return By.xpath("//*[contains(@class,'fjs-container')]//label[contains(@for,'-" + componentId
				+ "-')][normalize-space()='" + label + "']");
	}

}
