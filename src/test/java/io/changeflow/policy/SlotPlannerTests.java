package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.changeflow.policy.PolicyProperties.Hours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.changeflow.policy.DeploymentWindow.ANY_TIME;
import static io.changeflow.policy.DeploymentWindow.BUSINESS_HOURS;
import static io.changeflow.policy.DeploymentWindow.LOW_TRAFFIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SlotPlannerTests {

	private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	private static final ChangeContext NORMAL = ChangeContext.of("normal");

	private static final ChangeContext EMERGENCY = ChangeContext.of("emergency");

	private static final ChangeContext HELIOS_PRODUCTION = new ChangeContext("normal", "CHG-1", "heliosdb-lite",
			"production", Set.of());

	private static final DeploymentWindows WINDOWS = new DeploymentWindows(Map.of());

	private final InMemoryBookings bookings = new InMemoryBookings();

	private final SlotPlanner planner = planner(holidays());

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
	void anyTimeStartsAtRequestedTimeAndLastsAsLongAsAWindow() {
		Slot slot = this.planner.earliestSlot(at("2026-06-10T09:15:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2026-06-10T09:15:00Z", "2026-06-10T13:15:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-06-10T09:15Z", "Any time (24/7)");
	}

	@Test
	void anyTimeSlotLengthIsConfigurable() {
		SlotPlanner planner = new SlotPlanner(new CompositeFreezeCalendar(List.of()), this.bookings, WINDOWS,
				Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(90), Duration.ofHours(1));
		assertSlot(planner.earliestSlot(at("2026-06-10T09:15:00Z"), ANY_TIME, NORMAL), "2026-06-10T09:15:00Z",
				"2026-06-10T10:15:00Z");
	}

	@Test
	void configuredWindowHoursMoveTheSlotAndItsLabel() {
		DeploymentWindows early = new DeploymentWindows(
				Map.of(LOW_TRAFFIC, new Hours(LocalTime.of(1, 0), LocalTime.of(3, 30))));
		SlotPlanner planner = new SlotPlanner(new CompositeFreezeCalendar(List.of()), this.bookings, early,
				Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(90), Duration.ofHours(4));
		Slot slot = planner.earliestSlot(at("2026-06-10T04:00:00Z"), LOW_TRAFFIC, NORMAL);
		assertSlot(slot, "2026-06-11T01:00:00Z", "2026-06-11T03:30:00Z");
		assertThat(slot.reasons()).contains("Low-traffic window 01:00–03:30 UTC");
		assertSlot(planner.earliestSlot(at("2026-06-10T04:00:00Z"), BUSINESS_HOURS, NORMAL), "2026-06-10T14:00:00Z",
				"2026-06-10T18:00:00Z");
	}

	@Test
	void requestedInThePastStartsFromNow() {
		SlotPlanner planner = new SlotPlanner(new CompositeFreezeCalendar(List.of()), this.bookings, WINDOWS,
				Clock.fixed(at("2026-06-10T12:00:00Z"), ZoneOffset.UTC), Duration.ofDays(90), Duration.ofHours(4));
		Slot slot = planner.earliestSlot(at("2026-06-01T09:00:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2026-06-10T12:00:00Z", "2026-06-10T16:00:00Z");
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
		assertSlot(slot, "2027-01-06T00:00:00Z", "2027-01-06T04:00:00Z");
		assertThat(slot.reasons()).contains(
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T00:00Z");
	}

	@Test
	void slotIsCutWhereTheFreezeStarts() {
		Slot slot = this.planner.earliestSlot(at("2026-12-19T22:00:00Z"), ANY_TIME, NORMAL);
		assertSlot(slot, "2026-12-19T22:00:00Z", "2026-12-20T00:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-12-19T22:00Z", "Any time (24/7)",
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): slot cut to end at 2026-12-20T00:00Z");
	}

	@Test
	void emergencyIsNeverHeldByTheHolidayFreeze() {
		assertSlot(this.planner.earliestSlot(at("2026-12-25T03:00:00Z"), ANY_TIME, EMERGENCY), "2026-12-25T03:00:00Z",
				"2026-12-25T07:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-12-19T22:00:00Z"), ANY_TIME, EMERGENCY),
				"2026-12-19T22:00:00Z", "2026-12-20T02:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-12-25T10:00:00Z"), LOW_TRAFFIC, EMERGENCY),
				"2026-12-26T02:00:00Z", "2026-12-26T06:00:00Z");
	}

	@Test
	void backToBackFreezesFromSeveralSourcesAreAllSkipped() {
		Freeze declared = CompositeFreezeCalendarTests.freeze("Launch", "2027-01-06T00:00:00Z", "2027-01-08T00:00:00Z");
		SlotPlanner planner = planner(holidays(), CompositeFreezeCalendarTests.fixed(declared));
		Slot slot = planner.earliestSlot(at("2026-12-21T03:00:00Z"), LOW_TRAFFIC, NORMAL);
		assertSlot(slot, "2027-01-08T02:00:00Z", "2027-01-08T06:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2026-12-21T03:00Z", "Low-traffic window 02:00–06:00 UTC",
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T02:00Z",
				"Freeze 'Launch' 2027-01-06 – 2027-01-07 (emergency only): moved to 2027-01-08T02:00Z");
	}

	@Test
	void aFreezeOutsideTheChangesScopeDoesNotMoveIt() {
		Freeze staging = new Freeze("f-1", Freeze.Kind.DECLARED, "Load test", at("2026-06-10T00:00:00Z"),
				at("2026-06-12T00:00:00Z"), "test", new FreezeScope(Set.of(), Set.of("staging")), null);
		SlotPlanner planner = planner(CompositeFreezeCalendarTests.fixed(staging));
		assertSlot(planner.earliestSlot(at("2026-06-10T01:00:00Z"), LOW_TRAFFIC, HELIOS_PRODUCTION),
				"2026-06-10T02:00:00Z", "2026-06-10T06:00:00Z");
		assertSlot(planner.earliestSlot(at("2026-06-10T01:00:00Z"), LOW_TRAFFIC, NORMAL), "2026-06-12T02:00:00Z",
				"2026-06-12T06:00:00Z");
	}

	@Test
	void nextSlotsEachExplainWhatWasRefusedBeforeThem() {
		List<Slot> slots = this.planner.nextSlots(at("2026-12-22T00:00:00Z"), LOW_TRAFFIC, NORMAL, 3);
		assertThat(slots).extracting(Slot::start)
			.containsExactly(at("2027-01-06T02:00:00Z"), at("2027-01-07T02:00:00Z"), at("2027-01-08T02:00:00Z"));
		assertThat(slots.get(0).reasons()).containsExactly("Requested 2026-12-22T00:00Z",
				"Low-traffic window 02:00–06:00 UTC", "Outside the window: moved to 2026-12-22T02:00Z",
				"Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T02:00Z");
		assertThat(slots.get(1).reasons()).containsExactly("After the previous slot 2027-01-06T02:00Z–06:00Z",
				"Low-traffic window 02:00–06:00 UTC", "Outside the window: moved to 2027-01-07T02:00Z");
	}

	@Test
	void nextAnyTimeSlotsFollowEachOther() {
		List<Slot> slots = this.planner.nextSlots(at("2026-06-10T22:00:00Z"), ANY_TIME, NORMAL, 2);
		assertSlot(slots.get(0), "2026-06-10T22:00:00Z", "2026-06-11T02:00:00Z");
		assertSlot(slots.get(1), "2026-06-11T02:00:00Z", "2026-06-11T06:00:00Z");
		assertThat(slots.get(1).reasons())
			.containsExactly("After the previous slot 2026-06-10T22:00Z–2026-06-11T02:00Z", "Any time (24/7)");
	}

	@Test
	void nextSlotsStopAtTheLookahead() {
		SlotPlanner planner = new SlotPlanner(new CompositeFreezeCalendar(List.of()), this.bookings, WINDOWS,
				Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(2), Duration.ofHours(4));
		assertThat(planner.nextSlots(at("2026-06-10T00:00:00Z"), LOW_TRAFFIC, NORMAL, 5)).extracting(Slot::start)
			.containsExactly(at("2026-06-10T02:00:00Z"), at("2026-06-11T02:00:00Z"));
	}

	@Test
	@Timeout(5)
	void givesUpAtTheLookaheadNamingWhatRefusedEveryTime() {
		FreezeSource endless = (from, to) -> List.of(new Freeze("f-" + from, Freeze.Kind.DECLARED, "Endless", from,
				from.plus(Duration.ofDays(30)), "test", FreezeScope.ALL, null));
		SlotPlanner planner = planner(endless);
		assertThatExceptionOfType(NoSlotException.class)
			.isThrownBy(() -> planner.earliestSlot(at("2026-06-10T00:00:00Z"), LOW_TRAFFIC, NORMAL))
			.withMessage("No Low-traffic window 02:00–06:00 UTC slot for a normal change between 2026-06-10T00:00Z"
					+ " and 2026-09-08T00:00Z; refused by Freeze 'Endless' 2026-06-10T02:00Z – 2026-07-10T02:00Z"
					+ " (emergency only); Freeze 'Endless' 2026-07-10T02:00Z – 2026-08-09T02:00Z (emergency only);"
					+ " Freeze 'Endless' 2026-08-09T02:00Z – 2026-09-08T02:00Z (emergency only)");
	}

	@Test
	void givesUpWhenTheWindowDoesNotOpenWithinTheLookahead() {
		SlotPlanner planner = new SlotPlanner(new CompositeFreezeCalendar(List.of()), this.bookings, WINDOWS,
				Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), Duration.ofHours(4));
		assertThatExceptionOfType(NoSlotException.class)
			.isThrownBy(() -> planner.nextSlots(at("2026-06-10T07:00:00Z"), LOW_TRAFFIC, NORMAL, 3))
			.withMessage("No Low-traffic window 02:00–06:00 UTC slot for a normal change between 2026-06-10T07:00Z"
					+ " and 2026-06-10T08:00Z: the window does not open in that range");
	}

	@Test
	void anotherChangesBookingOnTheSameServiceAndEnvironmentMovesTheSlot() {
		book("CHG-7", "Upgrade DB", "heliosdb-lite", "production", "2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
		Slot slot = this.planner.earliestSlot(at("2027-01-06T00:00:00Z"), LOW_TRAFFIC, HELIOS_PRODUCTION);
		assertSlot(slot, "2027-01-07T02:00:00Z", "2027-01-07T06:00:00Z");
		assertThat(slot.reasons()).containsExactly("Requested 2027-01-06T00:00Z", "Low-traffic window 02:00–06:00 UTC",
				"Outside the window: moved to 2027-01-06T02:00Z",
				"Conflicts with CHG-7 'Upgrade DB' on heliosdb-lite/production 2027-01-06T02:00Z–06:00Z:"
						+ " moved to 2027-01-07T02:00Z");
	}

	@Test
	void aBookingThatStartsInsideTheSlotAlsoMovesIt() {
		book("CHG-7", "Upgrade DB", "heliosdb-lite", "production", "2026-06-10T11:00:00Z", "2026-06-10T12:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2026-06-10T09:00:00Z"), ANY_TIME, HELIOS_PRODUCTION),
				"2026-06-10T12:00:00Z", "2026-06-10T16:00:00Z");
	}

	@Test
	void aChangeWhoseTimerFiresLateKeepsTheRestOfItsSlotBeforeTheNextBooking() {
		// back to back any-time bookings on one service: CHG-1 (this change) from NOW, CHG-7 right after it
		book("CHG-1", "This change", "heliosdb-lite", "production", "2026-06-01T00:00:00Z", "2026-06-01T04:00:00Z");
		book("CHG-7", "Next change", "heliosdb-lite", "production", "2026-06-01T04:00:00Z", "2026-06-01T08:00:00Z");
		var late = planner(Clock.fixed(NOW.plusSeconds(2), ZoneOffset.UTC), holidays());

		assertSlot(late.slotFromNow(at("2026-06-01T04:00:00Z"), ANY_TIME, HELIOS_PRODUCTION), "2026-06-01T00:00:02Z",
				"2026-06-01T04:00:00Z");
		// past its own slot, the change is planned anew like any other
		var missed = planner(Clock.fixed(at("2026-06-01T04:00:01Z"), ZoneOffset.UTC), holidays());
		assertSlot(missed.slotFromNow(at("2026-06-01T04:00:00Z"), ANY_TIME, HELIOS_PRODUCTION), "2026-06-01T08:00:00Z",
				"2026-06-01T12:00:00Z");
	}

	@Test
	void theChangesOwnBookingNeverConflicts() {
		book("CHG-1", "This change", "heliosdb-lite", "production", "2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2027-01-06T00:00:00Z"), LOW_TRAFFIC, HELIOS_PRODUCTION),
				"2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
	}

	@Test
	void bookingsOnAnotherServiceOrEnvironmentDoNotConflict() {
		book("CHG-7", "Upgrade DB", "heliosdb-lite", "staging", "2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
		book("CHG-8", "Upgrade node", "quantumharmony-node", "production", "2027-01-06T02:00:00Z",
				"2027-01-06T06:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2027-01-06T00:00:00Z"), LOW_TRAFFIC, HELIOS_PRODUCTION),
				"2027-01-06T02:00:00Z", "2027-01-06T06:00:00Z");
	}

	@Test
	void aChangeThatNamesNoServiceConflictsWithEveryBooking() {
		book("CHG-8", "Upgrade node", "quantumharmony-node", "production", "2027-01-06T02:00:00Z",
				"2027-01-06T06:00:00Z");
		assertSlot(this.planner.earliestSlot(at("2027-01-06T00:00:00Z"), LOW_TRAFFIC, NORMAL), "2027-01-07T02:00:00Z",
				"2027-01-07T06:00:00Z");
	}

	private void book(String changeId, String title, String service, String environment, String start, String end) {
		this.bookings.book(changeId, title, service, environment, new Slot(at(start), at(end), LOW_TRAFFIC, List.of()));
	}

	private SlotPlanner planner(FreezeSource... sources) {
		return planner(Clock.fixed(NOW, ZoneOffset.UTC), sources);
	}

	private SlotPlanner planner(Clock clock, FreezeSource... sources) {
		return new SlotPlanner(new CompositeFreezeCalendar(List.of(sources)), this.bookings, WINDOWS, clock,
				Duration.ofDays(90), Duration.ofHours(4));
	}

	private static FreezeSource holidays() {
		return new HolidayFreeze(new HolidayFreezeProperties(MonthDay.of(12, 20), MonthDay.of(1, 5), ZoneOffset.UTC));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	private static void assertSlot(Slot slot, String start, String end) {
		assertThat(slot.start()).isEqualTo(Instant.parse(start));
		assertThat(slot.end()).isEqualTo(Instant.parse(end));
	}

}
