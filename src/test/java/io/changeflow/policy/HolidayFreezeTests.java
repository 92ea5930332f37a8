package io.changeflow.policy;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HolidayFreezeTests {

	private static final ChangeContext NORMAL = ChangeContext.of("normal");

	private static final ChangeContext EMERGENCY = new ChangeContext("emergency", "CHG-1", null, null,
			Set.of("INC-7"));

	private final FreezeCalendar calendar = calendar(MonthDay.of(12, 20), MonthDay.of(1, 5), ZoneOffset.UTC);

	private static final Freeze FREEZE_2026 = Freeze.holiday(Instant.parse("2026-12-20T00:00:00Z"),
			Instant.parse("2027-01-06T00:00:00Z"));

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-20T00:00:00Z", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z",
			"2027-01-03T12:00:00Z", "2027-01-05T23:59:59.999Z" })
	void decemberTwentiethToJanuaryFifthIsFrozen(String at) {
		assertThat(this.calendar.blockingFreezeAt(Instant.parse(at), NORMAL)).contains(FREEZE_2026);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-19T00:00:00Z", "2026-12-19T23:59:59.999Z", "2027-01-06T00:00:00Z",
			"2027-01-06T12:00:00Z", "2026-07-01T00:00:00Z" })
	void daysAroundTheFreezeAreOpen(String at) {
		assertThat(this.calendar.blockingFreezeAt(Instant.parse(at), NORMAL)).isEmpty();
	}

	@Test
	void freezeRunningIntoTheNewYearIsFoundFromJanuary() {
		assertThat(this.calendar.blockingFreezeAt(Instant.parse("2026-01-02T00:00:00Z"), NORMAL))
			.contains(Freeze.holiday(Instant.parse("2025-12-20T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "standard", "normal", "runtime-upgrade" })
	void everyCategoryButEmergencyIsBlocked(String category) {
		assertThat(this.calendar.blockingFreezeAt(Instant.parse("2026-12-25T03:00:00Z"),
				ChangeContext.of(category)))
			.contains(FREEZE_2026);
	}

	@Test
	void emergencyIsNeverBlocked() {
		assertThat(this.calendar.blockingFreezeAt(Instant.parse("2026-12-25T03:00:00Z"), EMERGENCY)).isEmpty();
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2028-01-01T00:00:00Z"), EMERGENCY))
			.isEmpty();
	}

	@Test
	void freezesStartingInRangeAreListedInOrder() {
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2028-01-01T00:00:00Z"), NORMAL))
			.containsExactly(FREEZE_2026,
					Freeze.holiday(Instant.parse("2027-12-20T00:00:00Z"), Instant.parse("2028-01-06T00:00:00Z")));
	}

	@Test
	void freezeAlreadyRunningOrStartingAtRangeEndIsNotStartingInRange() {
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-12-21T00:00:00Z"),
				Instant.parse("2026-12-22T00:00:00Z"), NORMAL))
			.isEmpty();
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-12-19T00:00:00Z"),
				Instant.parse("2026-12-20T00:00:00Z"), NORMAL))
			.isEmpty();
		assertThat(this.calendar.blockingFreezesStartingBetween(Instant.parse("2026-12-20T00:00:00Z"),
				Instant.parse("2026-12-20T00:00:01Z"), NORMAL))
			.containsExactly(FREEZE_2026);
	}

	@Test
	void configuredDatesAreHonoured() {
		FreezeCalendar july = calendar(MonthDay.of(7, 1), MonthDay.of(7, 3), ZoneOffset.UTC);
		Freeze expected = Freeze.holiday(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-04T00:00:00Z"));
		assertThat(july.blockingFreezeAt(Instant.parse("2026-07-01T00:00:00Z"), NORMAL)).contains(expected);
		assertThat(july.blockingFreezeAt(Instant.parse("2026-07-03T23:59:59Z"), NORMAL)).contains(expected);
		assertThat(july.blockingFreezeAt(Instant.parse("2026-06-30T23:59:59Z"), NORMAL)).isEmpty();
		assertThat(july.blockingFreezeAt(Instant.parse("2026-07-04T00:00:00Z"), NORMAL)).isEmpty();
		assertThat(july.blockingFreezeAt(Instant.parse("2026-12-25T00:00:00Z"), NORMAL)).isEmpty();
	}

	@Test
	void configuredZoneSetsTheDayBoundaries() {
		FreezeCalendar berlin = calendar(MonthDay.of(12, 20), MonthDay.of(1, 5), ZoneId.of("Europe/Berlin"));
		assertThat(berlin.blockingFreezeAt(Instant.parse("2026-12-19T23:00:00Z"), NORMAL))
			.contains(Freeze.holiday(Instant.parse("2026-12-19T23:00:00Z"), Instant.parse("2027-01-05T23:00:00Z")));
		assertThat(berlin.blockingFreezeAt(Instant.parse("2026-12-19T22:59:59Z"), NORMAL)).isEmpty();
		assertThat(berlin.blockingFreezeAt(Instant.parse("2027-01-05T23:00:00Z"), NORMAL)).isEmpty();
	}

	@Test
	void describedWithInclusiveDates() {
		assertThat(FREEZE_2026.describe()).isEqualTo("Holiday freeze 2026-12-20 – 2027-01-05 (emergency only)");
	}

	private static FreezeCalendar calendar(MonthDay start, MonthDay end, ZoneId zone) {
		return new CompositeFreezeCalendar(List.of(new HolidayFreeze(new HolidayFreezeProperties(start, end, zone))));
	}

}
