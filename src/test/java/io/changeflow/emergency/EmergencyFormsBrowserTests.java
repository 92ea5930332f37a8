package io.changeflow.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import io.changeflow.Chromium;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The emergency forms in the real Tasklist (headless Chromium): an incident commander declares an emergency from the
 * start form, and an implementer documents an action in the action-log form.
 */
// the browser tests' own in-memory database (shared with TasklistBrowserTests' context)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
class EmergencyFormsBrowserTests {

	private static final String TITLE = "Stop the fork on quantumharmony";

	@RegisterExtension
	static final Chromium chromium = new Chromium("emergency");

	@LocalServerPort
	private int port;

	@Autowired
	private RuntimeService runtime;

	@Autowired
	private TaskService tasks;

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void forgetFreezesAndActions() {
		jdbc.sql("delete from cf_freeze").update();
		jdbc.sql("delete from cf_action_log").update();
	}

	@Test
	void anIncidentCommanderDeclaresAnEmergencyAndAnImplementerDocumentsAnAction() throws IOException {
		signInAs("olivia");
		chromium.click(By.xpath("//a[normalize-space()='Start process']"));
		chromium.click(By.xpath("//*[contains(@class,'modal')]//a[normalize-space()='Emergency change']"));

		chromium.until(ExpectedConditions.visibilityOfElementLocated(formField("Field_title")));
		assertThat(label("Field_incident")).isEqualTo("Incident *");
		assertThat(label("Field_reason")).isEqualTo("Why this is an emergency *");
		assertThat(label("Field_emergencyKind")).isEqualTo("Kind of emergency *");
		type("Field_title", TITLE);
		type("Field_incident", "INC-901");
		type("Field_reason", "Validators diverge: consensus failure");
		select("Field_emergencyKind", "Incident response (e.g. active attack)");
		select("Field_service", "quantumharmony-node");
		select("Field_environment", "Production");
		type("Field_summary", "Roll out the fork-choice fix");
		chromium.screenshot("emergency-declare-form.png");
		chromium.click(By.xpath("//*[contains(@class,'modal')]//button[normalize-space()='Start']"));

		chromium.until(ExpectedConditions.invisibilityOfElementLocated(formField("Field_incident")));
		List<ProcessInstance> started = runtime.createProcessInstanceQuery()
			.processDefinitionKey("change-emergency")
			.variableValueEquals("title", TITLE)
			.list();
		assertThat(started).hasSize(1);
		String changeId = started.get(0).getId();
		assertThat(runtime.getVariable(changeId, "requester")).isEqualTo("olivia");
		assertThat(runtime.getVariable(changeId, "incident")).isEqualTo("INC-901");
		assertThat(tasks.createTaskQuery().processInstanceId(changeId).taskDefinitionKey("DocumentActions").count())
			.isEqualTo(1);

		signInAs("heidi");
		openTaskFromAllTasksFilter("Document actions");
		chromium.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".task-details button.claim"))).click();
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details button.claim")));
		chromium.until(ExpectedConditions.attributeToBe(formField("Field_title"), "value", TITLE));
		type("Field_actionEntry", "Stopped validator 3");
		chromium.screenshot("emergency-document-actions-form.png");
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));

		chromium.until(ExpectedConditions.invisibilityOfElementLocated(formField("Field_actionEntry")));
		assertThat(jdbc.sql("select author || ': ' || entry from cf_action_log where change_id = ?").param(changeId)
			.query(String.class).list()).containsExactly("heidi: Stopped validator 3");
		assertThat((String) runtime.getVariable(changeId, "actionLog")).endsWith(" heidi: Stopped validator 3");
		assertThat(tasks.createTaskQuery().processInstanceId(changeId).taskDefinitionKey("DocumentActions").count())
			.as("the log stays open for the next entry").isEqualTo(1);
		runtime.deleteProcessInstance(changeId, "browser test done");
	}

	private void signInAs(String user) {
		chromium.driver().manage().deleteAllCookies();
		if (chromium.driver().getCurrentUrl().startsWith("http://localhost:" + this.port)) {
			((JavascriptExecutor) chromium.driver()).executeScript("window.localStorage.clear()");
		}
		chromium.logInToTasklist("http://localhost:" + this.port, user);
	}

	private void openTaskFromAllTasksFilter(String taskName) {
		chromium.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'task-filters')]//*[contains(@class,'name') and starts-with(normalize-space(),'All tasks')]")))
			.click();
		chromium.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'tasks-list')]//a[normalize-space()='" + taskName + "']")))
			.click();
	}

	private static void type(String componentId, String text) {
		chromium.until(ExpectedConditions.elementToBeClickable(formField(componentId))).sendKeys(text);
	}

	// form-js renders a select as its own dropdown: open it, then pick the option by its label
	private static void select(String componentId, String option) {
		chromium.click(By.cssSelector(".fjs-container [id$='-" + componentId + "-display']"));
		chromium.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + option + "']"));
	}

	private static String label(String componentId) {
		return chromium.driver()
			.findElement(By.cssSelector(".fjs-container label[for$='-" + componentId + "']"))
			.getText()
			.replaceAll("\\s+", " ")
			.strip();
	}

	// form-js derives input ids from the component id: "fjs-form-<form instance>-<component id>"
	private static By formField(String componentId) {
		return By.cssSelector(".fjs-container [id$='-" + componentId + "']");
	}

}
