package io.changeflow.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change-report process on its timers (002 §10.2): the weekly summary of the last full week, stored and sent to
 * engineering; a missed KPI target asks the change managers for a review, which needs findings and actions; every
 * quarterly review does. Own database: the KPIs count every change in it.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:reports;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
@ActiveProfiles({ "test", "demo" })
class ChangeReportProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	TaskService tasks;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeReports reports;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		jdbc.sql("delete from cf_report").update();
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void aWeekWithARollbackMissesItsTargetsAndTheChangeManagersReviewIt() {
		ProcessInstance change = changes.clearedToImplement(Map.of("changeType", "documentation"));
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Rolled out"));
		changes.complete(change, "implementers", "heidi",
				Map.of("verificationResult", "failed", "verificationNotes", "Error rate doubled"));
		changes.complete(change, "implementers", "leo",
				Map.of("rollbackNotes", "Reverted to v1", "postMortem", "Cache warm-up missing"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "Warm caches first"));

		String report = fire("2026-12-07T06:00:00Z");

		Report weekly = reports.find("weekly-2026-11-30").orElseThrow();
		assertThat(weekly.from()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
		assertThat(weekly.to()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
		assertThat(weekly.breached()).contains("Rollback rate");
		assertThat(weekly.html()).contains("Weekly change summary, 2026-11-30 – 2026-12-06", "Rollback rate", "<svg");
		assertThat(notifications.forUser("nobody", List.of("implementers"), null, 50)).extracting(n -> n.subject())
			.contains(weekly.title());
		assertThat(notifications.forUser("nobody", List.of("cab-engineering-lead"), null, 50)).isEmpty();
		Task review = reviewOf(report);
		assertThat(tasks.getIdentityLinksForTask(review.getId())).extracting(link -> link.getGroupId())
			.containsExactly("change-managers");
		assertThat(engine.getRuntimeService().getVariable(report, "missedTargets").toString())
			.startsWith("Weekly change summary: ")
			.contains("Rollback rate");

		assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("reviewFindings", " ")))
			.hasMessageContaining("reviewFindings is required; reviewActions is required");
		tasks.complete(review.getId(), Map.of("reviewFindings", "One rollback: cache warm-up missing",
				"reviewActions", "Warm-up step added to the runbook template (leo, this week)"));
		assertThat(passed(report, "MetricsReviewed")).isTrue();
	}

	@Test
	void aQuietWeekIsPublishedWithoutReviewAndAQuarterAlwaysIsReviewed() {
		String week = fire("2026-11-23T06:00:00Z");
		assertThat(passed(week, "ReportsPublished")).isTrue();
		Report weekly = reports.find("weekly-2026-11-16").orElseThrow();
		assertThat(weekly.breached()).isEmpty();
		assertThat(weekly.html()).contains("Every KPI met its target.");
		assertThat(passed(fire("2026-11-24T06:00:00Z"), "NoReportDue")).isTrue();

		// New Year's morning: December's metrics and the fourth quarter's review, reviewed in one task
		String newYear = fire("2027-01-01T06:00:00Z");
		assertThat(reports.find("monthly-2026-12-01")).isPresent();
		assertThat(reports.find("quarterly-2026-10-01")).isPresent();
		assertThat(reviewOf(newYear)).isNotNull();
		assertThat(engine.getRuntimeService().getVariable(newYear, "reports").toString().lines())
			.containsExactly("Monthly change metrics, 2026-12-01 – 2026-12-31: /api/reports/monthly-2026-12-01",
					"Quarterly change management review, 2026-10-01 – 2026-12-31: /api/reports/quarterly-2026-10-01");
	}

	private String fire(String at) {
		return ReportTimer.fire(engine, at);
	}

	private boolean passed(String report, String activity) {
		return engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(report)
			.activityId(activity)
			.finished()
			.count() == 1;
	}

	private Task reviewOf(String report) {
		return tasks.createTaskQuery().processInstanceId(report).taskDefinitionKey("ReviewChangeMetrics").singleResult();
	}

}
