package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.Chromium;
import io.changeflow.Tasklist;
import io.changeflow.TestUsers;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.IdentityService;
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

/** The Tasklist door (headless Chromium): a requester who also reviews cannot take their own change's review. */
@AppTest
class SeparationOfDutiesBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium("separation-of-duties");

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identity;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	@BeforeEach
	void setUp() {
		TestUsers.ensure(identity, "rita", "rita", Roles.REQUESTERS, Roles.REVIEWERS);
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void tasklistRefusesTheRequestersClaimOnTheirOwnReviewAndSaysWhy() throws Exception {
		ProcessInstance change = changes.request("rita", Map.of("title", "Rita's own change"), Roles.REQUESTERS,
				Roles.REVIEWERS);
		var tasklist = new Tasklist(chromium, port);
		tasklist.signInAs("rita");

		tasklist.openTask(changes.slotTask(change, Roles.REVIEWERS));
		chromium.click(By.cssSelector(".task-details button.claim"));
		chromium.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//*[contains(normalize-space(),'rita requested this change and cannot be assigned its approval')]")));
		chromium.screenshot("separation-of-duties-claim-refused.png");

		assertThat(changes.slotTask(change, Roles.REVIEWERS).getAssignee()).isNull();
	}

}
