package io.changeflow.metrics;

import io.changeflow.AppTest;
import io.changeflow.Chromium;
import io.changeflow.Tasklist;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form of "Review change metrics" in the real Tasklist (headless Chromium): on New Year's morning a change
 * manager sees the month's and the quarter's reports and records findings and actions.
 */
@AppTest
class ReviewChangeMetricsBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium("review-change-metrics");

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@AfterEach
	void tearDown() {
		ClockUtil.reset();
	}

	@Test
	void aChangeManagerReviewsTheQuarterInTasklist() throws Exception {
		String report = ReportTimer.fire(engine, "2027-01-01T06:00:00Z");
		Task review = tasks.createTaskQuery()
			.processInstanceId(report)
			.taskDefinitionKey("ReviewChangeMetrics")
			.singleResult();
		var tasklist = new Tasklist(chromium, port);

		tasklist.signInAs("demo");
		tasklist.openTask(review);
		tasklist.claim();
		chromium.until(ExpectedConditions.attributeContains(Tasklist.field("Field_reports"), "value",
				"Quarterly change management review, 2026-10-01 – 2026-12-31: /api/reports/quarterly-2026-10-01"));
		tasklist.type("Field_findings", "Two rollbacks in October, both from missing cache warm-up");
		tasklist.type("Field_actions", "Warm-up step in the runbook template (leo, January)");
		chromium.screenshot("review-change-metrics.png");
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(Tasklist.field("Field_reports")));

		assertThat(history.createHistoricActivityInstanceQuery()
			.processInstanceId(report)
			.activityId("MetricsReviewed")
			.finished()
			.count()).isOne();
	}

}
