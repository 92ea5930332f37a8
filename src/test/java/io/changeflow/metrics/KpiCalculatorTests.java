package io.changeflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.changeflow.audit.ChangeFacts;
import io.changeflow.audit.ChangeFacts.PhaseSpan;
import org.junit.jupiter.api.Test;

/**
 * The KPI definitions of docs/metrics.md on hand-made facts: which change counts in which period and denominator,
 * the edges of a period, strict targets, and what only hand-made facts show (a runtime upgrade's recovery is a
 * failure but no rollback; a second stay in a phase).
 */
class KpiCalculatorTests {

	static final Instant FROM = Instant.parse("2026-10-05T00:00:00Z");

	static final Instant TO = Instant.parse("2026-10-12T00:00:00Z");

	@Test
	void eachKpiTakesItsChangesByItsOwnTimestampAndAPeriodIncludesItsStartOnly() {
		var changes = List.of(
				// requested the week before, deployed and closed at the very start of this one
				normal("CHG-1", "2026-09-30T09:00:00Z", "2026-10-01T00:00:00Z", "2026-10-05T00:00:00Z",
						"2026-10-05T00:00:00Z", true),
				// requested in this week, deployed in it, closed at its very end: the next week's closure
				normal("CHG-2", "2026-10-06T09:00:00Z", "2026-10-06T12:00:00Z", "2026-10-06T13:00:00Z",
						"2026-10-12T00:00:00Z", true),
				// closed without deployment: requested, but no success nor failure
				new ChangeFacts("CHG-3", "normal", "low", at("2026-10-07T09:00:00Z"), null, null,
						at("2026-10-07T10:00:00Z"), "Change rejected by CAB", false, false, false, List.of()),
				emergency("CHG-4", "2026-10-08T09:00:00Z", "2026-10-08T10:00:00Z", "2026-10-08T13:00:00Z", true));

		var week = KpiCalculator.snapshot(changes, FROM, TO);

		assertThat(kpi(week, ChangeKpis.SUCCESS_RATE)).isEqualTo(new Kpi(ChangeKpis.SUCCESS_RATE,
				"Change success rate", 100.0, 2, 2, KpiCalculator.SUCCESS_TARGET, "percent"));
		assertThat(kpi(week, ChangeKpis.EMERGENCY_RATE)).isEqualTo(new Kpi(ChangeKpis.EMERGENCY_RATE,
				"Emergency change rate", 100.0 / 3, 1, 3, KpiCalculator.EMERGENCY_TARGET, "percent"));
		// CHG-1: 4 days from approval to its deployment on Monday 00:00; CHG-2: 1 hour; the emergency is no normal change
		assertThat(kpi(week, ChangeKpis.MEAN_TIME_TO_DEPLOY)).isEqualTo(new Kpi(ChangeKpis.MEAN_TIME_TO_DEPLOY,
				"Mean time to deploy (normal changes)", 97.0 / 2, 97, 2, KpiCalculator.DEPLOY_TARGET, "hours"));
		// approved this week: CHG-2 after 3 hours, the emergency after the fact 4 hours after its declaration
		assertThat(kpi(week, KpiCalculator.APPROVAL_LEAD_TIME).value()).isEqualTo(3.5);
		assertThat(kpi(week, KpiCalculator.APPROVAL_LEAD_TIME).denominator()).isEqualTo(2);
		assertThat(kpi(KpiCalculator.snapshot(changes, TO, TO.plusSeconds(7 * 86400)), ChangeKpis.SUCCESS_RATE)
			.denominator()).as("CHG-2 closed at the next week's first instant").isEqualTo(1);
	}

	@Test
	void aRuntimeUpgradesRecoveryIsAFailureButNoRollback() {
		var changes = List.of(
				new ChangeFacts("CHG-1", "runtime-upgrade", null, at("2026-10-05T09:00:00Z"),
						at("2026-10-05T10:00:00Z"), at("2026-10-06T09:00:00Z"), at("2026-10-06T12:00:00Z"),
						"Runtime upgrade not verified", false, true, false, List.of()),
				normal("CHG-2", "2026-10-05T09:00:00Z", "2026-10-05T12:00:00Z", "2026-10-05T13:00:00Z",
						"2026-10-05T14:00:00Z", false));

		var week = KpiCalculator.snapshot(changes, FROM, TO);

		assertThat(kpi(week, ChangeKpis.ROLLBACK_RATE)).extracting(Kpi::value, Kpi::numerator, Kpi::denominator)
			.containsExactly(50.0, 1.0, 2L);
		assertThat(kpi(week, KpiCalculator.CHANGE_FAILURE_RATE))
			.extracting(Kpi::value, Kpi::numerator, Kpi::denominator, Kpi::target)
			.containsExactly(100.0, 2.0, 2L, null);
		assertThat(kpi(week, ChangeKpis.SUCCESS_RATE).value()).isZero();
	}

	@Test
	void targetsAreStrictAndAPeriodWithoutChangesMissesNone() {
		var changes = new ArrayList<ChangeFacts>();
		for (int index = 0; index < 20; index++) {
			changes.add(normal("CHG-" + index, "2026-10-05T09:00:00Z", "2026-10-05T10:00:00Z",
					"2026-10-05T12:00:00Z", "2026-10-05T13:00:00Z", index > 0));
		}
		var week = KpiCalculator.snapshot(changes, FROM, TO);

		// 95 % is not more than 95 %; 2 hours is not less than 2 hours
		assertThat(kpi(week, ChangeKpis.SUCCESS_RATE).value()).isEqualTo(95.0);
		assertThat(kpi(week, ChangeKpis.SUCCESS_RATE).breached()).isTrue();
		assertThat(kpi(week, ChangeKpis.MEAN_TIME_TO_DEPLOY).value()).isEqualTo(2.0);
		assertThat(kpi(week, ChangeKpis.MEAN_TIME_TO_DEPLOY).breached()).isTrue();
		assertThat(kpi(week, ChangeKpis.EMERGENCY_RATE).breached()).isFalse();
		assertThat(week.breached()).extracting(Kpi::key)
			.containsExactly(ChangeKpis.SUCCESS_RATE, ChangeKpis.MEAN_TIME_TO_DEPLOY, ChangeKpis.ROLLBACK_RATE);

		var empty = KpiCalculator.snapshot(changes, TO, TO.plusSeconds(86400));
		assertThat(empty.kpis()).allSatisfy(kpi -> {
			assertThat(kpi.value()).as(kpi.key()).isNull();
			assertThat(kpi.denominator()).isZero();
		});
		assertThat(empty.breached()).isEmpty();
	}

	@Test
	void theTimeInAPhaseSumsAChangesStaysThatEndedInThePeriod() {
		var revised = new ChangeFacts("CHG-1", "normal", "low", at("2026-10-05T09:00:00Z"), null, null, null, null,
				false, false, false,
				List.of(span("requested", "2026-10-05T09:00:00Z", "2026-10-05T09:00:00Z"),
						span("in-review", "2026-10-05T09:00:00Z", "2026-10-05T11:00:00Z"),
						span("requested", "2026-10-05T11:00:00Z", "2026-10-05T14:00:00Z"),
						span("in-review", "2026-10-05T14:00:00Z", "2026-10-06T14:00:00Z"),
						span("awaiting-cab", "2026-10-06T14:00:00Z", null)));
		var quick = new ChangeFacts("CHG-2", "normal", "low", at("2026-10-04T23:00:00Z"), null, null, null, null,
				false, false, false,
				List.of(span("requested", "2026-10-04T23:00:00Z", "2026-10-04T23:00:00Z"),
						span("in-review", "2026-10-04T23:00:00Z", "2026-10-05T01:00:00Z"),
						span("awaiting-cab", "2026-10-05T01:00:00Z", null)));

		var week = KpiCalculator.snapshot(List.of(revised, quick), FROM, TO);

		assertThat(kpi(week, "time-in-phase.in-review")).isEqualTo(new Kpi("time-in-phase.in-review",
				"Time in review", 28.0 / 2, 28, 2, null, "hours"));
		// CHG-2 left requested before the week began
		assertThat(kpi(week, "time-in-phase.requested")).extracting(Kpi::value, Kpi::numerator, Kpi::denominator)
			.containsExactly(3.0, 3.0, 1L);
		assertThat(kpi(week, "time-in-phase.awaiting-cab").value()).as("nobody left it yet").isNull();
		assertThat(week.kpis()).extracting(Kpi::key)
			.containsExactly("change-success-rate", "emergency-change-rate", "mean-time-to-deploy", "rollback-rate",
					"change-failure-rate", "approval-lead-time", "time-in-phase.requested", "time-in-phase.in-review",
					"time-in-phase.awaiting-cab", "time-in-phase.scheduled", "time-in-phase.implementing",
					"time-in-phase.verifying", "time-in-phase.closing");
	}

	static ChangeFacts normal(String id, String requested, String approved, String deployed, String closed,
			boolean successful) {
		return new ChangeFacts(id, "normal", "low", at(requested), at(approved), at(deployed), at(closed),
				successful ? "Change closed" : "Change rolled back", successful, !successful, !successful, List.of());
	}

	static ChangeFacts emergency(String id, String declared, String deployed, String approved, boolean successful) {
		return new ChangeFacts(id, "emergency", null, at(declared), at(approved), at(deployed), at(approved),
				"Emergency change closed", successful, !successful, !successful, List.of());
	}

	static PhaseSpan span(String phase, String entered, String left) {
		return new PhaseSpan(phase, at(entered), (left != null) ? at(left) : null);
	}

	static Kpi kpi(KpiSnapshot snapshot, String key) {
		return snapshot.kpi(key).orElseThrow();
	}

	static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
