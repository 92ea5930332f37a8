package io.changeflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.AppTest;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who reads change metrics and the dashboard, what a bad request is told, the shape of an answer, and what
 * Prometheus scrapes. The numbers themselves are {@link ChangeMetricsTests}'.
 */
@AppTest
class MetricsApiTests {

	static final String METRICS = "/api/metrics/changes?from=2026-11-01&to=2026-12-01";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	private ApiCalls api;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		api = new ApiCalls(port);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void changeManagersAuditorsAndTheEngineeringLeadReadMetricsNobodyElse() {
		for (String reader : List.of("demo", "audrey", "ivan")) {
			assertThat(api.get(reader, METRICS).status()).as(reader).isEqualTo(200);
		}
		var refused = api.get("alice", METRICS);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("detail").asText()).isEqualTo("alice is not a member of change-managers or"
				+ " auditors or cab-engineering-lead: only change managers, auditors and the engineering lead read"
				+ " change metrics");
		assertThat(api.get(null, METRICS).status()).isEqualTo(401);
	}

	@Test
	void everyBadParameterIsNamedInOneProblem() {
		var response = api.get("demo", "/api/metrics/changes?from=yesterday&groupBy=team");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("title").asText()).isEqualTo("Invalid request");
		assertThat(response.json().get("errors")).extracting(error -> error.get("field").asText() + " "
				+ error.get("message").asText())
			.containsExactly("from 'yesterday' is not an ISO-8601 instant with offset or a date, e.g."
					+ " 2026-11-01T00:00:00Z or 2026-11-01",
					"to is required: an ISO-8601 instant or date, e.g. 2026-11-01T00:00:00Z or 2026-11-01",
					"groupBy 'team' is not one of category, risk, week, month");
		assertThat(errors("/api/metrics/changes?from=2026-12-01&to=2026-11-01"))
			.containsExactly("to must be after from");
		assertThat(errors("/api/metrics/changes?from=2026-01-01&to=2027-01-01T00:00:01Z"))
			.containsExactly("to must be at most 1 year after from: ask for a longer period in several calls");
	}

	@Test
	void anAnswerNamesItsPeriodAndEachKpiWithItsBasisAndTarget() {
		changes.request("alice", Map.of("title", "Metrics API"));

		JsonNode body = api.get("ivan", METRICS + "&groupBy=month").json();

		assertThat(body.get("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
		assertThat(body.get("to").asText()).isEqualTo("2026-12-01T00:00:00Z");
		assertThat(body.get("groupBy").asText()).isEqualTo("month");
		JsonNode overall = body.get("overall");
		assertThat(overall.get("group").isNull()).isTrue();
		assertThat(overall.get("kpis")).extracting(kpi -> kpi.get("key").asText())
			.containsExactly("change-success-rate", "emergency-change-rate", "mean-time-to-deploy", "rollback-rate",
					"change-failure-rate", "approval-lead-time", "time-in-phase.requested", "time-in-phase.in-review",
					"time-in-phase.awaiting-cab", "time-in-phase.scheduled", "time-in-phase.implementing",
					"time-in-phase.verifying", "time-in-phase.closing");
		JsonNode emergencyRate = overall.get("kpis").get(1);
		assertThat(emergencyRate.get("label").asText()).isEqualTo("Emergency change rate");
		assertThat(emergencyRate.get("unit").asText()).isEqualTo("percent");
		assertThat(emergencyRate.get("denominator").asLong()).as("at least this test's change").isPositive();
		assertThat(emergencyRate.get("target").get("above").asBoolean()).isFalse();
		assertThat(emergencyRate.get("target").get("threshold").asDouble()).isEqualTo(5.0);
		assertThat(emergencyRate.has("breached")).isTrue();
		assertThat(overall.get("kpis").get(4).get("target").isNull()).as("the policy sets no failure rate").isTrue();
		assertThat(body.get("groups")).singleElement()
			.satisfies(month -> assertThat(month.get("group").asText()).isEqualTo("2026-11"));
	}

	@Test
	void prometheusScrapesChangeMetricsAsAChangeManager() {
		ProcessInstance rejected = changes.request("alice", Map.of("title", "Scraped"));
		changes.decide(rejected, "reviewers", "carol", "reject", "Out of scope");
		ProcessInstance withdrawn = changes.request("alice", Map.of("title", "Withdrawn"));
		assertThat(api.post("alice", "/api/changes/" + withdrawn.getBusinessKey() + "/cancel",
				Map.of("reason", "Not needed after all")).status()).isEqualTo(200);

		var scrape = api.get("demo", "/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.header("Content-Type")).startsWith("text/plain");
		List<String> types = scrape.body().lines().filter(line -> line.startsWith("# TYPE changeflow_")).toList();
		assertThat(types).containsExactlyInAnyOrder("# TYPE changeflow_change_success_ratio gauge",
				"# TYPE changeflow_change_emergency_ratio gauge", "# TYPE changeflow_change_rollback_ratio gauge",
				"# TYPE changeflow_change_failure_ratio gauge",
				"# TYPE changeflow_change_mean_time_to_deploy_seconds gauge",
				"# TYPE changeflow_change_approval_lead_time_seconds gauge",
				"# TYPE changeflow_change_time_in_phase_seconds gauge", "# TYPE changeflow_changes_open gauge",
				"# TYPE changeflow_changes_requested_total counter", "# TYPE changeflow_changes_closed_total counter");
		assertThat(scrape.body()).contains("changeflow_changes_open{phase=\"in-review\"} ",
				"changeflow_changes_requested_total{category=\"normal\"} ",
				"changeflow_changes_closed_total{category=\"normal\",outcome=\"change-rejected-in-review\"} ",
				"changeflow_changes_closed_total{category=\"normal\",outcome=\"withdrawn\"} ");
		// counts only: no change id, title, person or reason
		assertThat(scrape.body()).doesNotContain(rejected.getBusinessKey(), withdrawn.getBusinessKey(), "Scraped",
				"alice", "Not needed");
	}

	@Test
	void theDashboardIsForTheSameReaders() {
		var page = api.get("ivan", "/dashboard");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("<h1>Change dashboard</h1>", "<meta http-equiv=\"refresh\" content=\"60\">");

		var refused = api.get("alice", "/dashboard");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("alice is not a member of change-managers or auditors or"
				+ " cab-engineering-lead: only change managers, auditors and the engineering lead read change"
				+ " metrics.");
		assertThat(api.get(null, "/dashboard").status()).isEqualTo(401);
	}

	private List<String> errors(String path) {
		var response = api.get("audrey", path);
		assertThat(response.status()).isEqualTo(400);
		var errors = new ArrayList<String>();
		response.json().get("errors")
			.forEach(error -> errors.add(error.get("field").asText() + " " + error.get("message").asText()));
		return errors;
	}

}
