package io.changeflow.metrics;

import java.time.Instant;
import java.util.Date;

import io.changeflow.AppTest;
import io.changeflow.change.ApiCalls;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/reports} over HTTP: each report for its audience (002 §10.2) and auditors, as the HTML that was sent. */
@AppTest
class ReportApiTests {

	@LocalServerPort
	int port;

	@Autowired
	ChangeReports reports;

	@Autowired
	JdbcClient jdbc;

	private ApiCalls api;

	@BeforeEach
	void setUp() {
		api = new ApiCalls(port);
		jdbc.sql("delete from cf_report").update();
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T06:00:00Z")));
		reports.compile(ReportKind.WEEKLY);
		reports.compile(ReportKind.MONTHLY);
	}

	@AfterEach
	void tearDown() {
		ClockUtil.reset();
	}

	@Test
	void engineeringReadsTheWeeklySummaryAndLeadershipTheMonthlyMetrics() {
		var weekly = api.get("leo", "/api/reports/weekly-2026-11-23");
		assertThat(weekly.status()).isEqualTo(200);
		assertThat(weekly.headers().firstValue("Content-Type")).hasValueSatisfying(type -> type.startsWith("text/html"));
		assertThat(weekly.headers().firstValue("Content-Security-Policy"))
			.hasValue("default-src 'none'; style-src 'unsafe-inline'");
		assertThat(weekly.body()).contains("Weekly change summary, 2026-11-23 – 2026-11-29", "Change success rate");

		assertThat(api.get("leo", "/api/reports/monthly-2026-11-01").status()).isEqualTo(403);
		assertThat(api.get("ivan", "/api/reports/monthly-2026-11-01").status()).isEqualTo(200);
		assertThat(api.get("audrey", "/api/reports/monthly-2026-11-01").status()).isEqualTo(200);
		assertThat(api.get("audrey", "/api/reports/weekly-1999-01-04").status()).isEqualTo(404);
		assertThat(api.get(null, "/api/reports/weekly-2026-11-23").status()).isEqualTo(401);

		assertThat(api.get("leo", "/api/reports").json().findValuesAsText("id")).containsExactly("weekly-2026-11-23");
		assertThat(api.get("demo", "/api/reports").json().findValuesAsText("id"))
			.containsExactly("weekly-2026-11-23", "monthly-2026-11-01");
		assertThat(api.get("demo", "/api/reports?kind=monthly").json().findValuesAsText("href"))
			.containsExactly("/api/reports/monthly-2026-11-01");
		assertThat(api.get("demo", "/api/reports?kind=daily").status()).isEqualTo(400);
		assertThat(api.get("demo", "/api/reports?page=-1").status()).isEqualTo(400);
	}

}
