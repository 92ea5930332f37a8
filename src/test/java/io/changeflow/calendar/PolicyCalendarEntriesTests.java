package io.changeflow.calendar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import io.changeflow.calendar.CalendarEntry.Kind;
import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.Freeze;
import io.changeflow.policy.FreezeCalendar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PolicyCalendarEntriesTests {

	private static final Freeze HOLIDAY_FREEZE = new Freeze("Holiday freeze", at("2026-12-20T00:00:00Z"),
			at("2027-01-06T00:00:00Z"), "emergency only");

	private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	private final PolicyCalendarEntries entries = new PolicyCalendarEntries(new FreezeCalendar() {

		@Override
		public Optional<Freeze> blockingFreezeAt(Instant at, ChangeContext change) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<Freeze> blockingFreezesStartingBetween(Instant from, Instant to, ChangeContext change) {
			assertThat(change.category()).isEqualTo("normal");
			return HOLIDAY_FREEZE.start().isBefore(from) || !HOLIDAY_FREEZE.start().isBefore(to) ? List.of()
					: List.of(HOLIDAY_FREEZE);
		}

	});

	@Test
	void aFreezeThatStartedBeforeTheRangeIsStillShown() {
		assertThat(freezes("2027-01-04T00:00:00Z", "2027-01-11T00:00:00Z")).singleElement()
			.isEqualTo(new CalendarEntry(Kind.FREEZE, "Holiday freeze", "Still allowed: emergency only",
					HOLIDAY_FREEZE.start(), HOLIDAY_FREEZE.end(), null));
		assertThat(freezes("2026-12-01T00:00:00Z", "2026-12-20T00:00:00Z")).isEmpty();
		assertThat(freezes("2027-01-06T00:00:00Z", "2027-02-01T00:00:00Z")).isEmpty();
	}

	@Test
	void eachDayHasTheLowTrafficAndBusinessHoursWindows() {
		List<CalendarEntry> windows = this.entries.between(at("2027-02-01T00:00:00Z"), at("2027-02-03T00:00:00Z"))
			.stream()
			.filter((entry) -> entry.kind() == Kind.WINDOW)
			.toList();
		assertThat(windows).extracting(CalendarEntry::title, CalendarEntry::start, CalendarEntry::end)
			.containsExactly(
					tuple("Low-traffic", at("2027-02-01T02:00:00Z"), at("2027-02-01T06:00:00Z")),
					tuple("Business hours", at("2027-02-01T14:00:00Z"), at("2027-02-01T18:00:00Z")),
					tuple("Low-traffic", at("2027-02-02T02:00:00Z"), at("2027-02-02T06:00:00Z")),
					tuple("Business hours", at("2027-02-02T14:00:00Z"), at("2027-02-02T18:00:00Z")));
		assertThat(windows.get(0).detail()).isEqualTo("Low-traffic window 02:00–06:00 UTC, for high and critical risk "
				+ "changes and changes that need a maintenance window");
	}

	@Test
	void theWindowHoursRepeatedHereAgreeWithThePolicy() {
		for (var policy : List.of(DeploymentWindow.LOW_TRAFFIC, DeploymentWindow.BUSINESS_HOURS)) {
			CalendarEntry window = this.entries.between(at("2027-02-01T00:00:00Z"), at("2027-02-02T00:00:00Z"))
				.stream()
				.filter((entry) -> entry.detail().startsWith(policy.label()))
				.findFirst()
				.orElseThrow();
			assertThat(policy.label()).contains(HOURS.format(window.start()) + "–" + HOURS.format(window.end()));
		}
	}

	private List<CalendarEntry> freezes(String from, String to) {
		return this.entries.between(at(from), at(to)).stream().filter((entry) -> entry.kind() == Kind.FREEZE).toList();
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
