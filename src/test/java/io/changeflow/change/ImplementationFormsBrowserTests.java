package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.Chromium;
import io.changeflow.Tasklist;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
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
 * The forms of the shared step "Implement and verify change" and of "Close change" in the real Tasklist (headless
 * Chromium): an implementer implements, verifies (failed), rolls back and closes a change through them.
 */
@AppTest
class ImplementationFormsBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium("implementation-forms");

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeRegistry registry;

	private Changes changes;

	private Tasklist tasklist;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		tasklist = new Tasklist(chromium, port);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void implementersImplementVerifyRollBackAndCloseAChangeInTasklist() throws Exception {
		ProcessInstance change = changes.clearedToImplement(Map.of("title", "Rotate gateway certificates"));
		tasklist.signInAs("leo");

		open(change, "ImplementChange");
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_title"), "value",
				"Rotate gateway certificates"));
		assertThat(chromium.driver().findElement(Tasklist.field("Field_targetEnvironment")).getDomProperty("value"))
			.isEqualTo("production");
		tasklist.type("Field_implementationNotes", "Uploaded the bundle, reloaded the gateways");
		complete("Implement change");

		// separation of duties: another implementer verifies
		tasklist.signInAs("heidi");
		open(change, "VerifyChange");
		// what the implementer reported is shown to whoever verifies
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_implementationNotes"), "value",
				"Uploaded the bundle, reloaded the gateways"));
		chromium.click(Tasklist.option("Field_verificationResult", "Failed: roll back"));
		tasklist.type("Field_verificationNotes", "TLS handshakes fail for old clients");
		complete("Verify change");

		open(change, "RollBackChange");
		tasklist.type("Field_rollbackNotes", "Restored the previous bundle");
		tasklist.type("Field_postMortem", "The new chain drops an intermediate certificate");
		complete("Roll back change");

		open(change, "CloseChange");
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_outcome"), "value",
				"Verification failed: rolled back"));
		tasklist.type("Field_lessonsLearned", "Test old clients in staging");
		tasklist.check("Field_documentationUpdated");
		complete("Close change");

		assertThat(change).isEnded().hasPassed("ChangeRolledBack");
		ChangeRecord closed = registry.find(change.getBusinessKey()).orElseThrow();
		assertThat(closed.outcome()).isEqualTo("Change rolled back");
		assertThat(closed.successful()).isFalse();
	}

	private void open(ProcessInstance change, String step) {
		tasklist.openTask(changes.task(change, step));
		tasklist.claim();
	}

	// Tasklist removes the completed task from the view once the engine has accepted it
	private void complete(String task) throws Exception {
		chromium.screenshot("implementation-" + task.toLowerCase().replace(' ', '-') + ".png");
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(Tasklist.field("Field_title")));
	}

}
