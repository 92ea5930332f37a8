package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.changeflow.policy.DeploymentWindow.ANY_TIME;
import static io.changeflow.policy.DeploymentWindow.BUSINESS_HOURS;
import static io.changeflow.policy.DeploymentWindow.LOW_TRAFFIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SlotPlannerTests {

	private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	private static final ChangeContext NORMAL = new ChangeContext("normal", Set.of());

	private static final ChangeContext EMERGENCY = new ChangeContext("emergency", Set.of());

	private final SlotPlanner planner = planner(new HolidayFreeze(
			new HolidayFreezeProperties(MonthDay.of(12, 20), MonthDay.of(1, 5), ZoneOffset.UTC)));

	@Test
	void requestedBeforeWindowStartsWhenItOpensSameDay() {
		Slot slot = this.planner.earliestSlot(at("2026-06-10T01:00:00Z"), LOW_TRAFFIC, NORMAL);
		assertSlot(slot, "2026-06-10T02:00:00Z", "2026-06-10T06:00:00Z");
		assertThat(slot.window()).isEqualTo(LOW_TRAFFIC);
		assertThat(slot.reasons()).containsExactly("Requested 2026-06-10T01:00Z", "Low-traffic window 02:00–06:00 UTC",
				"Outside the window: moved to 2026-06-10T02:00Z");
	}

	@Test
	void requestedAfterWindowStartsWhenItOpensNextDay() {
		assertSlot(this.planner.earliestSlot(at("2026-06-10T07:00:00Z"), LOW_TRAFFIC, NORMAL), "2026-06-11T02:00:00Z",
				"2026-06-11T06:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-06-10T18:00:00Z"), BUSINESS_HOURS, NORMAL),
				"2026-06-11T14:00:00Z", "2026-06-11T18:00:00Z");
	}

	@Test
	void windowEndIsExclusive() {
		assertSlot(this.planner.earliestSlot(at("2026-06-10T06:00:00Z"), LOW_TRAFFIC, NORMAL), "2026-06-11T02:00:00Z",
				"2026-06-11T06:00:00Z");
	}

	@Test
	void requestedInsideWindowStartsThenAndEndsWithWindow() {
		Slot slot = this.planner.earliestSlot(at("2026-06-10T03:30:00Z"), LOW_TRAFFIC, NORMAL);
		assertSlot(slot, "2026-06-10T03:30:00Z", "2026-06-10T06:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-06-10T03:30Z", "Low-traffic window 02:00–06:00 UTC");
		assertSlot(this.planner.earliestSlot(at("2026-06-10T14:00:00Z"), BUSINESS_HOURS, NORMAL),
				"2026-06-10T14:00:00Z", "2026-06-10T18:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-06-10T10:00:00Z"), BUSINESS_HOURS, NORMAL),
				"2026-06-10T14:00:00Z", "2026-06-10T18:00:00Z");
	}

	@Test
	void anyTimeStartsAtRequestedTimeAndLastsADay() {
		Slot slot = this.planner.earliestSlot(at("2026-06-10T09:15:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2026-06-10T09:15:00Z", "2026-06-11T09:15:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-06-10T09:15Z", "Any time (24/7)");
	}

	@Test
	void requestedInThePastStartsFromNow() {
		SlotPlanner planner = new SlotPlanner(new CompositeFreezeCalendar(List.of()),
				Clock.fixed(at("2026-06-10T12:00:00Z"), ZoneOffset.UTC));
		Slot slot = planner.earliestSlot(at("2026-06-01T09:00:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2026-06-10T12:00:00Z", "2026-06-11T12:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-06-01T09:00Z",
				"Requested time has passed: starting from now, 2026-06-10T12:00Z", "Any time (24/7)");
		assertSlot(planner.earliestSlot(at("2026-06-01T03:00:00Z"), LOW_TRAFFIC, NORMAL), "2026-06-11T02:00:00Z",
				"2026-06-11T06:00:00Z");
	}

	@Test
	void dayBeforeHolidayFreezeIsStillOpen() {
		assertSlot(this.planner.earliestSlot(at("2026-12-18T10:00:00Z"), LOW_TRAFFIC, NORMAL), "2026-12-19T02:00:00Z",
				"2026-12-19T06:00:00Z");
	}

	@Test
	void holidayFreezeMovesSlotPastTheNewYear() {
		Slot slot = this.planner.earliestSlot(at("2026-12-21T00:00:00Z"), LOW_TRAFFIC, NORMAL);
		assertSlot(slot, "2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-12-21T00:00Z", "Low-traffic window 02:00–06:00 UTC",
				"Outside the window: moved to 2026-12-21T02:00Z",
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T02:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-12-20T00:00:00Z"), LOW_TRAFFIC, NORMAL), "2027-01-06T02:00:00Z",
				"2027-01-06T06:00:00Z");
	}

	@Test
	void anyTimeChangeRunsAsSoonAsTheFreezeEnds() {
		Slot slot = this.planner.earliestSlot(at("2027-01-05T23:00:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2027-01-06T00:00:00Z", "2027-01-07T00:00:00Z");
		assertThat(slot.reasons()).contains(
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T00:00Z");
	}

	@Test
	void slotIsCutWhereTheFreezeStarts() {
		Slot slot = this.planner.earliestSlot(at("2026-12-19T12:00:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2026-12-19T12:00:00Z", "2026-12-20T00:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-12-19T12:00Z", "Any time (24/7)",
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): slot cut to end at 2026-12-20T00:00Z");
	}

	@Test
	void emergencyIsNeverHeldByTheHolidayFreeze() {
		assertSlot(this.planner.earliestSlot(at("2026-12-25T03:00:00Z"), ANY_TIME, EMERGENCY), "2026-12-25T03:00:00Z",
				"2026-12-26T03:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-12-19T12:00:00Z"), ANY_TIME, EMERGENCY),
				"2026-12-19T12:00:00Z", "2026-12-20T12:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-12-25T10:00:00Z"), LOW_TRAFFIC, EMERGENCY),
				"2026-12-26T02:00:00Z", "2026-12-26T06:00:00Z");
	}

	@Test
	void backToBackFreezesFromSeveralSourcesAreAllSkipped() {
		Freeze declared = CompositeFreezeCalendarTests.freeze("Declared freeze", "2027-01-06T00:00:00Z",
				"2027-01-08T00:00:00Z");
		SlotPlanner planner = planner(
				new HolidayFreeze(new HolidayFreezeProperties(MonthDay.of(12, 20), MonthDay.of(1, 5), ZoneOffset.UTC)),
				CompositeFreezeCalendarTests.fixed(declared));
		Slot slot = planner.earliestSlot(at("2026-12-21T03:00:00Z"), LOW_TRAFFIC, NORMAL);
		assertSlot(slot, "2027-01-08T02:00:00Z", "2027-01-08T06:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-12-21T03:00Z", "Low-traffic window 02:00–06:00 UTC",
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T02:00Z",
				"Declared freeze 2027-01-06 – 2027-01-07 (test): moved to 2027-01-08T02:00Z");
	}

	@Test
	@Timeout(5)
	void givesUpAfterTwoYearsOfFreezes() {
		FreezeSource endless = (from, to, change) -> List.of(new Freeze("Endless freeze", from,
				from.plus(Duration.ofDays(1)), "test"));
		SlotPlanner planner = planner(endless);
		assertThatIllegalStateException()
			.isThrownBy(() -> planner.earliestSlot(at("2026-06-10T00:00:00Z"), ANY_TIME, NORMAL))
			.withMessage("No Any time (24/7) slot free of freezes between 2026-06-10T00:00Z and 2028-06-10T00:00Z"
					+ " for a normal change");
	}

	private static SlotPlanner planner(FreezeSource... sources) {
		return new SlotPlanner(new CompositeFreezeCalendar(List.of(sources)), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	private static void assertSlot(Slot slot, String start, String end) {
		assertThat(slot.start()).isEqualTo(Instant.parse(start));
		assertThat(slot.end()).isEqualTo(Instant.parse(end));
	}

}
