package io.changeflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.changeflow.calendar.CalendarEntry.Kind;
import io.changeflow.calendar.CalendarView.Day;
import io.changeflow.calendar.CalendarView.DayEntry;
import io.changeflow.calendar.CalendarView.Period;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CalendarViewTests {

	private static final LocalDate TODAY = LocalDate.parse("2026-12-22");

	private static final CalendarEntry HOLIDAY_FREEZE = new CalendarEntry(Kind.FREEZE, "Holiday freeze",
			"Still allowed: emergency only", at("2026-12-20T00:00:00Z"), at("2027-01-06T00:00:00Z"), null);

	private final List<Instant> asked = new ArrayList<>();

	@Test
	void aWeekRunsMondayToSundayAroundTheDate() {
		CalendarView week = view(Period.WEEK, "2027-01-06");

		assertThat(dates(week)).containsExactly("2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08",
				"2027-01-09", "2027-01-10");
		assertThat(week.weeks().get(0)).allMatch(Day::inPeriod);
		assertThat(this.asked).containsExactly(at("2027-01-04T00:00:00Z"), at("2027-01-11T00:00:00Z"));
		assertThat(week.heading()).isEqualTo("Week 1 of 2027: 4 Jan 2027 – 10 Jan 2027");
		assertThat(week.previous()).isEqualTo("2026-12-28");
		assertThat(week.next()).isEqualTo("2027-01-11");
		assertThat(week.date()).as("kept for switching to the month").isEqualTo("2027-01-06");
	}

	@Test
	void aMonthIsShownAsWholeWeeks() {
		CalendarView december = view(Period.MONTH, "2026-12-17");

		assertThat(december.weeks()).hasSize(5).allMatch((week) -> week.size() == 7);
		assertThat(dates(december)).hasSize(35)
			.startsWith("2026-11-30", "2026-12-01")
			.endsWith("2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03");
		assertThat(day(december, "2026-11-30").inPeriod()).isFalse();
		assertThat(day(december, "2026-12-01").inPeriod()).isTrue();
		assertThat(day(december, "2027-01-01").inPeriod()).isFalse();
		assertThat(this.asked).containsExactly(at("2026-11-30T00:00:00Z"), at("2027-01-04T00:00:00Z"));
		assertThat(december.heading()).isEqualTo("December 2026");
		assertThat(day(december, "2026-12-22").today()).isTrue();
		assertThat(day(december, "2026-12-23").today()).isFalse();

		// February 2027 starts on a Monday and ends on a Sunday: no neighbouring days
		assertThat(dates(view(Period.MONTH, "2027-02-01"))).hasSize(28)
			.startsWith("2027-02-01")
			.endsWith("2027-02-28");
	}

	@Test
	void navigationCrossesTheYearBoundary() {
		CalendarView december = view(Period.MONTH, "2026-12-17");
		assertThat(december.next()).isEqualTo("2027-01-01");
		assertThat(december.previous()).isEqualTo("2026-11-01");
		assertThat(view(Period.MONTH, "2027-01-31").previous()).isEqualTo("2026-12-01");

		CalendarView newYear = view(Period.WEEK, "2027-01-01");
		assertThat(newYear.heading()).isEqualTo("Week 53 of 2026: 28 Dec 2026 – 3 Jan 2027");
		assertThat(dates(newYear)).containsExactly("2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31",
				"2027-01-01", "2027-01-02", "2027-01-03");
		assertThat(newYear.next()).isEqualTo("2027-01-04");
	}

	@Test
	void anEntrySpanningDaysIsShownOnEachOfThemAllDay() {
		CalendarView december = view(Period.MONTH, "2026-12-01", HOLIDAY_FREEZE);
		assertThat(titles(day(december, "2026-12-19"))).isEmpty();
		for (String date : List.of("2026-12-20", "2026-12-22", "2026-12-31", "2027-01-03")) {
			DayEntry freeze = day(december, date).entries().get(0);
			assertThat(freeze.entry()).as(date).isEqualTo(HOLIDAY_FREEZE);
			assertThat(freeze.time()).as(date).isEqualTo("all day");
		}

		CalendarView january = view(Period.MONTH, "2027-01-01", HOLIDAY_FREEZE);
		assertThat(titles(day(january, "2026-12-28"))).containsExactly("Holiday freeze");
		assertThat(titles(day(january, "2027-01-05"))).containsExactly("Holiday freeze");
		assertThat(titles(day(january, "2027-01-06"))).as("the end is exclusive").isEmpty();
		assertThat(HOLIDAY_FREEZE.span()).isEqualTo("2026-12-20 – 2027-01-05 UTC");
	}

	@Test
	void anEntryCrossingMidnightIsCutToEachDay() {
		var change = new CalendarEntry(Kind.CHANGE, "Migrate database", "orders in production",
				at("2026-12-14T22:00:00Z"), at("2026-12-15T03:00:00Z"), "/changes/42");
		CalendarView week = view(Period.WEEK, "2026-12-14", change);

		assertThat(day(week, "2026-12-14").entries()).extracting(DayEntry::time).containsExactly("22:00–24:00");
		assertThat(day(week, "2026-12-15").entries()).extracting(DayEntry::time).containsExactly("00:00–03:00");
		assertThat(titles(day(week, "2026-12-16"))).isEmpty();
		assertThat(change.span()).isEqualTo("2026-12-14 22:00 – 2026-12-15 03:00 UTC");
	}

	@Test
	void aDayListsWindowsApartAndEverythingElseByTimeNamingWhatOverlaps() {
		var lateChange = change("Rotate certificates", "2026-12-21T15:00:00Z", "2026-12-21T16:00:00Z");
		var earlyChange = change("Upgrade kernel", "2026-12-21T02:00:00Z", "2026-12-21T04:00:00Z");
		var sameTime = change("Patch load balancer", "2026-12-21T03:00:00Z", "2026-12-21T05:00:00Z");
		var businessHours = window("Business hours", "2026-12-21T14:00:00Z", "2026-12-21T18:00:00Z");
		var lowTraffic = window("Low-traffic", "2026-12-21T02:00:00Z", "2026-12-21T06:00:00Z");
		CalendarView week = view(Period.WEEK, "2026-12-21", lateChange, businessHours, earlyChange, HOLIDAY_FREEZE,
				lowTraffic, sameTime);

		Day monday = day(week, "2026-12-21");
		assertThat(monday.windows()).extracting(DayEntry::entry).containsExactly(lowTraffic, businessHours);
		assertThat(monday.windows()).extracting(DayEntry::time).containsExactly("02:00–06:00", "14:00–18:00");
		assertThat(titles(monday)).containsExactly("Holiday freeze", "Upgrade kernel", "Patch load balancer",
				"Rotate certificates");
		assertThat(monday.entries()).extracting(DayEntry::overlaps)
			.containsExactly(List.of("Upgrade kernel", "Patch load balancer", "Rotate certificates"),
					List.of("Holiday freeze", "Patch load balancer"), List.of("Holiday freeze", "Upgrade kernel"),
					List.of("Holiday freeze"));
		assertThat(week.windows()).as("legend").extracting((band) -> band.entry().title())
			.containsExactly("Low-traffic", "Business hours");
	}

	@Test
	void requestParametersAreCheckedPrecisely() {
		assertThat(Period.parse(null)).isEqualTo(Period.MONTH);
		assertThat(Period.parse("Week")).isEqualTo(Period.WEEK);
		assertThatIllegalArgumentException().isThrownBy(() -> Period.parse("year"))
			.withMessage("Unknown view 'year': use view=week or view=month.");

		assertThat(CalendarView.parseDate(null, TODAY)).isEqualTo(TODAY);
		assertThat(CalendarView.parseDate("2027-01-04", TODAY)).isEqualTo("2027-01-04");
		for (String invalid : List.of("2027-02-30", "04.01.2027", "2027-1-4", "+10000-01-01")) {
			assertThatIllegalArgumentException().isThrownBy(() -> CalendarView.parseDate(invalid, TODAY))
				.withMessage("Invalid date '" + invalid + "': use a calendar date as yyyy-MM-dd, e.g. date=2027-01-04.");
		}
	}

	private CalendarView view(Period period, String date, CalendarEntry... entries) {
		return CalendarView.of(period, LocalDate.parse(date), TODAY, (from, to) -> {
			this.asked.addAll(List.of(from, to));
			return List.of(entries);
		});
	}

	private static List<String> dates(CalendarView view) {
		return view.weeks().stream().flatMap(List::stream).map((day) -> day.date().toString()).toList();
	}

	private static Day day(CalendarView view, String date) {
		return view.weeks()
			.stream()
			.flatMap(List::stream)
			.filter((day) -> day.date().equals(LocalDate.parse(date)))
			.findFirst()
			.orElseThrow();
	}

	private static List<String> titles(Day day) {
		return day.entries().stream().map((part) -> part.entry().title()).toList();
	}

	private static CalendarEntry change(String title, String start, String end) {
		return new CalendarEntry(Kind.CHANGE, title, null, at(start), at(end), null);
	}

	private static CalendarEntry window(String title, String start, String end) {
		return new CalendarEntry(Kind.WINDOW, title, null, at(start), at(end), null);
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
