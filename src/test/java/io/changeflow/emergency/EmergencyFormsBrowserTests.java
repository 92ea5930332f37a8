package io.changeflow.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import io.changeflow.AppTest;
import io.changeflow.Chromium;
import io.changeflow.Tasklist;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The emergency forms in the real Tasklist (headless Chromium): an incident commander declares an emergency from the
 * start form, and an implementer documents an action in the action-log form.
 */
@AppTest
class EmergencyFormsBrowserTests {

	private static final String TITLE = "Stop the fork on quantumharmony";

	@RegisterExtension
	static final Chromium chromium = new Chromium("emergency");

	@LocalServerPort
	private int port;

	private Tasklist tasklist;

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

	@BeforeEach
	void openTasklist() {
		tasklist = new Tasklist(chromium, port);
	}

	@Test
	void anIncidentCommanderDeclaresAnEmergencyAndAnImplementerDocumentsAnAction() throws IOException {
		tasklist.signInAs("olivia");
		tasklist.startProcess("Emergency change");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(Tasklist.field("Field_title")));
		assertThat(tasklist.label("Field_incident")).isEqualTo("Incident *");
		assertThat(tasklist.label("Field_reason")).isEqualTo("Why this is an emergency *");
		assertThat(tasklist.label("Field_emergencyKind")).isEqualTo("Kind of emergency *");
		tasklist.type("Field_title", TITLE);
		tasklist.type("Field_incident", "INC-901");
		tasklist.type("Field_reason", "Validators diverge: consensus failure");
		tasklist.choose("Field_emergencyKind", "Incident response (e.g. active attack)");
		tasklist.choose("Field_service", "quantumharmony-node");
		tasklist.choose("Field_environment", "Production");
		tasklist.type("Field_summary", "Roll out the fork-choice fix");
		chromium.screenshot("emergency-declare-form.png");
		chromium.click(By.xpath("//*[contains(@class,'modal')]//button[normalize-space()='Start']"));

		chromium.until(ExpectedConditions.invisibilityOfElementLocated(Tasklist.field("Field_incident")));
		List<ProcessInstance> started = runtime.createProcessInstanceQuery()
			.processDefinitionKey("change-emergency")
			.variableValueEquals("title", TITLE)
			.list();
		assertThat(started).hasSize(1);
		String instance = started.get(0).getId();
		String changeId = started.get(0).getBusinessKey();
		assertThat(runtime.getVariable(instance, "requester")).isEqualTo("olivia");
		assertThat(runtime.getVariable(instance, "incident")).isEqualTo("INC-901");
		assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("DocumentActions").count())
			.isEqualTo(1);

		tasklist.signInAs("heidi");
		tasklist.openTask(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("DocumentActions")
			.singleResult());
		tasklist.claim();
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_title"), "value", TITLE));
		tasklist.type("Field_actionEntry", "Stopped validator 3");
		chromium.screenshot("emergency-document-actions-form.png");
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));

		chromium.until(ExpectedConditions.invisibilityOfElementLocated(Tasklist.field("Field_actionEntry")));
		assertThat(jdbc.sql("select author || ': ' || entry from cf_action_log where change_id = ?").param(changeId)
			.query(String.class).list()).containsExactly("heidi: Stopped validator 3");
		assertThat((String) runtime.getVariable(instance, "actionLog")).endsWith(" heidi: Stopped validator 3");
		assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("DocumentActions").count())
			.as("the log stays open for the next entry").isEqualTo(1);
		runtime.deleteProcessInstance(instance, "browser test done");
	}

}
