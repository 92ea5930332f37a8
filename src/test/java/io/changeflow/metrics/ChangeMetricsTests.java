package io.changeflow.metrics;

import static io.changeflow.metrics.GeneratedHistory.FROM;
import static io.changeflow.metrics.GeneratedHistory.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.audit.ChangeFacts;
import io.changeflow.audit.ChangeFacts.PhaseSpan;
import io.changeflow.audit.ChangeHistory;
import io.changeflow.change.ApiCalls;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The KPIs of a generated history ({@link GeneratedHistory}: five weeks of changes driven through the engine) are
 * exactly what docs/metrics.md works out by hand: as {@link ChangeKpis}, over the API, per week, category and risk,
 * as a trend, and as Prometheus gauges and counters.
 */
// own in-memory database: no other test's changes in the counts
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:metrics;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
@ActiveProfiles({ "test", "demo" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeMetricsTests {

	/** The exposition format prints doubles in decimal: equal up to the last digit. */
	static final Offset<Double> EXACT = Offset.offset(1e-12);

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeKpis kpis;

	@Autowired
	ChangeHistory history;

	private GeneratedHistory generated;

	private ApiCalls api;

	@BeforeAll
	void generate() {
		generated = new GeneratedHistory(engine, notifications, jdbc).generate(engine);
		api = new ApiCalls(port);
	}

	// the history's morning, where generate() left the engine clock: it is put back to real time after every test
	@BeforeEach
	void atTheEndOfTheHistory() {
		ClockUtil.setCurrentTime(Date.from(GeneratedHistory.NOW));
	}

	@AfterAll
	void end() {
		generated.end();
	}

	@Test
	void theFourWeeksKpisAreExactlyWhatTheHistoryGives() {
		KpiSnapshot weeks = kpis.between(FROM, TO);

		assertThat(weeks.from()).isEqualTo(FROM);
		assertThat(weeks.to()).isEqualTo(TO);
		// 8 changes deployed and closed in the weeks: N1, N2, E1, N3, N4, N6, E2, N7; N3 and E2 rolled back
		assertThat(kpi(weeks, ChangeKpis.SUCCESS_RATE)).isEqualTo(new Kpi(ChangeKpis.SUCCESS_RATE,
				"Change success rate", 75.0, 6, 8, new Kpi.Target(true, 95), "percent"));
		// 11 requested: N1–N9, E1, E2
		assertThat(kpi(weeks, ChangeKpis.EMERGENCY_RATE)).isEqualTo(new Kpi(ChangeKpis.EMERGENCY_RATE,
				"Emergency change rate", 100.0 * 2 / 11, 2, 11, new Kpi.Target(false, 5), "percent"));
		// 7 normal changes deployed: six 1.5 h after their approval, N4 3.5 h
		assertThat(kpi(weeks, ChangeKpis.MEAN_TIME_TO_DEPLOY)).isEqualTo(new Kpi(ChangeKpis.MEAN_TIME_TO_DEPLOY,
				"Mean time to deploy (normal changes)", 12.5 / 7, 12.5, 7, new Kpi.Target(false, 2), "hours"));
		assertThat(kpi(weeks, ChangeKpis.ROLLBACK_RATE)).isEqualTo(new Kpi(ChangeKpis.ROLLBACK_RATE, "Rollback rate",
				25.0, 2, 8, new Kpi.Target(false, 2), "percent"));
		assertThat(kpi(weeks, KpiCalculator.CHANGE_FAILURE_RATE)).isEqualTo(new Kpi("change-failure-rate",
				"Change failure rate", 25.0, 2, 8, null, "percent"));
		// 7 normal changes approved by the CAB 3 h after their request, 2 emergencies 4 h after their declaration
		assertThat(kpi(weeks, KpiCalculator.APPROVAL_LEAD_TIME)).isEqualTo(new Kpi("approval-lead-time",
				"Approval lead time", 29.0 / 9, 29, 9, null, "hours"));
		assertThat(weeks.breached()).extracting(Kpi::key)
			.containsExactly(ChangeKpis.SUCCESS_RATE, ChangeKpis.EMERGENCY_RATE, ChangeKpis.ROLLBACK_RATE);
		assertThat(weeks.kpis().stream().filter(kpi -> kpi.key().startsWith(KpiCalculator.TIME_IN_PHASE)))
			.extracting(Kpi::key, Kpi::numerator, Kpi::denominator)
			.containsExactly(tuple("time-in-phase.requested", 0.0, 11L), tuple("time-in-phase.in-review", 9.0, 9L),
					tuple("time-in-phase.awaiting-cab", 16.0, 8L), tuple("time-in-phase.scheduled", 7.0, 7L),
					tuple("time-in-phase.implementing", 7.5, 9L), tuple("time-in-phase.verifying", 6.5, 9L),
					tuple("time-in-phase.closing", 13.0, 8L));
	}

	@Test
	void aChangesFactsComeFromItsTrail() {
		List<ChangeFacts> active = history.activeBetween(FROM, TO);

		assertThat(active).extracting(ChangeFacts::changeId)
			.as("every change with a row in the weeks, oldest request first")
			.containsExactly(ids("N1", "N2", "E1", "N3", "N4", "N5", "N6", "E2", "N7", "N8", "N9"));
		ChangeFacts rolledBack = active.stream().filter(change -> change.changeId().equals(id("N3"))).findFirst()
			.orElseThrow();
		assertThat(rolledBack).isEqualTo(new ChangeFacts(id("N3"), "normal", "low", at("2026-10-12T09:00:00Z"),
				at("2026-10-12T12:00:00Z"), at("2026-10-12T13:30:00Z"), at("2026-10-12T15:00:00Z"),
				"Change rolled back", false, true, true,
				List.of(span("requested", "09:00", "09:00"), span("in-review", "09:00", "10:00"),
						span("awaiting-cab", "10:00", "12:00"), span("scheduled", "12:00", "13:00"),
						span("implementing", "13:00", "13:30"), span("verifying", "13:30", "14:30"),
						span("closing", "14:30", "15:00"))));
		ChangeFacts emergency = active.stream().filter(change -> change.changeId().equals(id("E2"))).findFirst()
			.orElseThrow();
		assertThat(emergency).extracting(ChangeFacts::category, ChangeFacts::risk, ChangeFacts::requestedAt,
				ChangeFacts::implementedAt, ChangeFacts::approvedAt, ChangeFacts::closedAt, ChangeFacts::outcome,
				ChangeFacts::successful, ChangeFacts::verificationFailed, ChangeFacts::rolledBack)
			.containsExactly("emergency", null, at("2026-10-23T09:00:00Z"), at("2026-10-23T10:00:00Z"),
					at("2026-10-23T13:00:00Z"), at("2026-10-23T15:00:00Z"), "Emergency change closed", false, true,
					true);
		ChangeFacts waiting = active.get(active.size() - 1);
		assertThat(waiting.closedAt()).isNull();
		assertThat(waiting.phases().get(waiting.phases().size() - 1))
			.isEqualTo(new PhaseSpan("awaiting-cab", at("2026-10-29T10:00:00Z"), null));
	}

	@Test
	void eachWeekCountsWhatHappenedInIt() {
		JsonNode body = metrics("from=2026-10-05&to=2026-11-02T00:00:00Z&groupBy=week");

		assertThat(body.get("groupBy").asText()).isEqualTo("week");
		assertThat(body.get("from").asText()).isEqualTo("2026-10-05T00:00:00Z");
		assertThat(headline(body.get("overall"))).containsExactly(
				List.of("change-success-rate", 75.0, 6.0, 8L, true), List.of("emergency-change-rate", 200.0 / 11, 2.0,
						11L, true), List.of("mean-time-to-deploy", 12.5 / 7, 12.5, 7L, false),
				List.of("rollback-rate", 25.0, 2.0, 8L, true));
		var target = body.get("overall").get("kpis").get(0).get("target");
		assertThat(target.get("above").asBoolean()).isTrue();
		assertThat(target.get("threshold").asDouble()).isEqualTo(95.0);
		JsonNode groups = body.get("groups");
		assertThat(groups).extracting(group -> group.get("group").asText())
			.containsExactly("2026-W41", "2026-W42", "2026-W43", "2026-W44");
		assertThat(groups.get(1).get("from").asText()).isEqualTo("2026-10-12T00:00:00Z");
		assertThat(groups.get(1).get("to").asText()).isEqualTo("2026-10-19T00:00:00Z");
		assertThat(headline(groups.get(0))).containsExactly(List.of("change-success-rate", 100.0, 3.0, 3L, false),
				List.of("emergency-change-rate", 100.0 / 3, 1.0, 3L, true),
				List.of("mean-time-to-deploy", 1.5, 3.0, 2L, false), List.of("rollback-rate", 0.0, 0.0, 3L, false));
		assertThat(headline(groups.get(1))).containsExactly(List.of("change-success-rate", 50.0, 1.0, 2L, true),
				List.of("emergency-change-rate", 0.0, 0.0, 3L, false),
				List.of("mean-time-to-deploy", 2.5, 5.0, 2L, true), List.of("rollback-rate", 50.0, 1.0, 2L, true));
		assertThat(headline(groups.get(2))).containsExactly(List.of("change-success-rate", 50.0, 1.0, 2L, true),
				List.of("emergency-change-rate", 50.0, 1.0, 2L, true),
				List.of("mean-time-to-deploy", 1.5, 1.5, 1L, false), List.of("rollback-rate", 50.0, 1.0, 2L, true));
		assertThat(headline(groups.get(3))).containsExactly(List.of("change-success-rate", 100.0, 1.0, 1L, false),
				List.of("emergency-change-rate", 0.0, 0.0, 3L, false),
				List.of("mean-time-to-deploy", 1.5, 3.0, 2L, false), List.of("rollback-rate", 0.0, 0.0, 1L, false));
	}

	@Test
	void categoriesAndRisksAreGroupsOfTheirOwnChanges() {
		JsonNode byCategory = metrics("from=2026-10-05&to=2026-11-02&groupBy=category").get("groups");

		assertThat(byCategory).extracting(group -> group.get("group").asText()).containsExactly("emergency", "normal");
		assertThat(headline(byCategory.get(0))).containsExactly(List.of("change-success-rate", 50.0, 1.0, 2L, true),
				List.of("emergency-change-rate", 100.0, 2.0, 2L, true),
				Arrays.asList("mean-time-to-deploy", null, 0.0, 0L, false),
				List.of("rollback-rate", 50.0, 1.0, 2L, true));
		assertThat(headline(byCategory.get(1))).containsExactly(
				List.of("change-success-rate", 100.0 * 5 / 6, 5.0, 6L, true),
				List.of("emergency-change-rate", 0.0, 0.0, 9L, false),
				List.of("mean-time-to-deploy", 12.5 / 7, 12.5, 7L, false),
				List.of("rollback-rate", 100.0 / 6, 1.0, 6L, true));

		JsonNode byRisk = metrics("from=2026-10-05&to=2026-11-02&groupBy=risk").get("groups");
		assertThat(byRisk).extracting(group -> group.get("group").asText()).containsExactly("low", "medium", "none");
		assertThat(headline(byRisk.get(0))).containsExactly(List.of("change-success-rate", 75.0, 3.0, 4L, true),
				List.of("emergency-change-rate", 0.0, 0.0, 7L, false),
				List.of("mean-time-to-deploy", 9.5 / 5, 9.5, 5L, false),
				List.of("rollback-rate", 25.0, 1.0, 4L, true));
		assertThat(headline(byRisk.get(1))).containsExactly(List.of("change-success-rate", 100.0, 2.0, 2L, false),
				List.of("emergency-change-rate", 0.0, 0.0, 2L, false),
				List.of("mean-time-to-deploy", 1.5, 3.0, 2L, false), List.of("rollback-rate", 0.0, 0.0, 2L, false));
	}

	@Test
	void aTrendIsOneSnapshotPerPeriodOldestFirst() {
		List<KpiSnapshot> trend = kpis.trend(TO, Period.ofWeeks(1), 5);

		assertThat(trend).extracting(KpiSnapshot::from)
			.containsExactly(at("2026-09-28T00:00:00Z"), FROM, at("2026-10-12T00:00:00Z"), at("2026-10-19T00:00:00Z"),
					at("2026-10-26T00:00:00Z"));
		assertThat(trend).extracting(period -> kpi(period, ChangeKpis.SUCCESS_RATE).value())
			.containsExactly(100.0, 100.0, 50.0, 50.0, 100.0);
		// N0: 2.5 h from approval to deployment
		assertThat(kpi(trend.get(0), ChangeKpis.MEAN_TIME_TO_DEPLOY)).extracting(Kpi::value, Kpi::breached)
			.containsExactly(2.5, true);
		var monthly = kpis.trend(at("2026-11-01T00:00:00Z"), Period.ofMonths(1), 2);
		assertThat(monthly).extracting(KpiSnapshot::from)
			.containsExactly(at("2026-09-01T00:00:00Z"), at("2026-10-01T00:00:00Z"));
		// October: N1–N4, N6, N7 and the emergencies closed; N8 closes in November
		assertThat(kpi(monthly.get(1), ChangeKpis.SUCCESS_RATE)).extracting(Kpi::numerator, Kpi::denominator)
			.containsExactly(6.0, 8L);
	}

	@Test
	void prometheusShowsTheLast30DaysAndCountsWhatHappened() {
		var scrape = api.get("demo", "/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		// last 30 days, to the engine's now: N8's closure this morning counts, N0 does not
		assertThat(sample(scrape.body(), "changeflow_change_success_ratio")).isCloseTo(100.0 * 7 / 9 / 100, EXACT);
		assertThat(sample(scrape.body(), "changeflow_change_emergency_ratio")).isCloseTo(100.0 * 2 / 12 / 100, EXACT);
		assertThat(sample(scrape.body(), "changeflow_change_rollback_ratio")).isCloseTo(100.0 * 2 / 9 / 100, EXACT);
		assertThat(sample(scrape.body(), "changeflow_change_mean_time_to_deploy_seconds"))
			.isCloseTo(12.5 / 7 * 3600, EXACT);
		assertThat(sample(scrape.body(), "changeflow_changes_open{phase=\"awaiting-cab\"}")).isEqualTo(1.0);
		assertThat(sample(scrape.body(), "changeflow_changes_open{phase=\"scheduled\"}")).isEqualTo(1.0);
		assertThat(sample(scrape.body(), "changeflow_changes_open{phase=\"implementing\"}")).isZero();
		assertThat(sample(scrape.body(), "changeflow_changes_requested_total{category=\"normal\"}")).isEqualTo(11.0);
		assertThat(sample(scrape.body(), "changeflow_changes_requested_total{category=\"emergency\"}"))
			.isEqualTo(2.0);
		assertThat(sample(scrape.body(),
				"changeflow_changes_closed_total{category=\"normal\",outcome=\"change-closed\"}")).isEqualTo(7.0);
		assertThat(sample(scrape.body(),
				"changeflow_changes_closed_total{category=\"normal\",outcome=\"change-rolled-back\"}")).isEqualTo(1.0);
		assertThat(sample(scrape.body(),
				"changeflow_changes_closed_total{category=\"normal\",outcome=\"change-rejected-by-cab\"}"))
			.isEqualTo(1.0);
		assertThat(sample(scrape.body(),
				"changeflow_changes_closed_total{category=\"emergency\",outcome=\"emergency-change-closed\"}"))
			.isEqualTo(2.0);
	}

	private JsonNode metrics(String query) {
		var response = api.get("audrey", "/api/metrics/changes?" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	// the four KPIs of 002 §10.1 as [key, value, numerator, denominator, breached]
	private static List<List<Object>> headline(JsonNode period) {
		var rows = new ArrayList<List<Object>>();
		for (JsonNode kpi : period.get("kpis")) {
			if (List.of(ChangeKpis.SUCCESS_RATE, ChangeKpis.EMERGENCY_RATE, ChangeKpis.MEAN_TIME_TO_DEPLOY,
					ChangeKpis.ROLLBACK_RATE).contains(kpi.get("key").asText())) {
				rows.add(Arrays.asList(kpi.get("key").asText(), kpi.get("value").isNull() ? null
						: kpi.get("value").asDouble(), kpi.get("numerator").asDouble(), kpi.get("denominator").asLong(),
						kpi.get("breached").asBoolean()));
			}
		}
		return rows;
	}

	/** The value of the sample line {@code name} (with its labels, as Prometheus prints them). */
	private static double sample(String exposition, String name) {
		return exposition.lines()
			.filter(line -> line.startsWith(name + " "))
			.map(line -> Double.parseDouble(line.substring(name.length() + 1).strip()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sample " + name + " in\n" + exposition));
	}

	private String id(String name) {
		return generated.ids.get(name);
	}

	private String[] ids(String... names) {
		return Arrays.stream(names).map(this::id).toArray(String[]::new);
	}

	private static Kpi kpi(KpiSnapshot snapshot, String key) {
		return snapshot.kpi(key).orElseThrow();
	}

	private static PhaseSpan span(String phase, String entered, String left) {
		return new PhaseSpan(phase, at("2026-10-12T" + entered + ":00Z"), at("2026-10-12T" + left + ":00Z"));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
