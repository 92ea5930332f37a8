package io.changeflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import io.changeflow.calendar.CalendarEntry.Kind;

/**
 * One page of the change calendar: a week, or a month as whole weeks (Monday first), each day listing the entries
 * that touch it, cut to that day. Days are UTC days, as the policy's windows and freezes are. What the template reads
 * is public: its expressions (SpEL) only find public methods.
 */
final class CalendarView {

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	// four-digit years keep every grid, and the day after it, within what LocalDate and Instant represent
	private static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

	enum Period {

		WEEK, MONTH;

		/** The {@code view} request parameter; month when absent. */
		static Period parse(String value) {
			if (value == null || value.isBlank()) {
				return MONTH;
			}
			for (Period period : values()) {
				if (period.param().equalsIgnoreCase(value.trim())) {
					return period;
				}
			}
			throw new IllegalArgumentException("Unknown view '" + value + "': use view=week or view=month.");
		}

		public String param() {
			return name().toLowerCase(Locale.ROOT);
		}

		LocalDate firstDay(LocalDate date) {
			return (this == WEEK) ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
					: date.withDayOfMonth(1);
		}

		LocalDate shift(LocalDate firstDay, int periods) {
			return (this == WEEK) ? firstDay.plusWeeks(periods) : firstDay.plusMonths(periods);
		}

	}

	/**
	 * @param inPeriod false for the days of neighbouring months that complete a month's first and last week
	 * @param windows the deployment windows open that day, by time
	 * @param entries freezes and changes, by time
	 */
	record Day(LocalDate date, boolean inPeriod, boolean today, List<DayEntry> windows, List<DayEntry> entries) {

		/** E.g. "Tue 22 Dec". */
		public String label() {
			return DAY.format(this.date);
		}

	}

	/**
	 * The part of an entry that falls on one day.
	 * @param time e.g. "all day", "02:00–06:00", "22:00–24:00"
	 * @param overlaps titles of the day's other freezes and changes at the same time
	 */
	record DayEntry(CalendarEntry entry, Instant from, Instant to, String time, List<String> overlaps) {

		boolean atTheSameTimeAs(DayEntry other) {
			return this.from.isBefore(other.to) && other.from.isBefore(this.to);
		}

	}

	private final Period period;

	private final LocalDate date;

	private final LocalDate first;

	private final List<List<Day>> weeks;

	private CalendarView(Period period, LocalDate date, List<List<Day>> weeks) {
		this.period = period;
		this.date = date;
		this.first = period.firstDay(date);
		this.weeks = weeks;
	}

	/** The {@code date} request parameter, yyyy-MM-dd; today when absent. */
	static LocalDate parseDate(String value, LocalDate today) {
		if (value == null || value.isBlank()) {
			return today;
		}
		try {
			LocalDate date = LocalDate.parse(value.trim());
			if (!date.isBefore(EARLIEST) && !date.isAfter(LATEST)) {
				return date;
			}
		}
		catch (DateTimeParseException ex) {
			// reported below, with what a valid date looks like
		}
		throw new IllegalArgumentException(
				"Invalid date '" + value + "': use a calendar date as yyyy-MM-dd, e.g. date=2027-01-04.");
	}

	/** The week or month containing {@code date}, with the entries of every day shown. */
	static CalendarView of(Period period, LocalDate date, LocalDate today, CalendarEntries source) {
		LocalDate first = period.firstDay(date);
		LocalDate gridStart = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate gridEnd = (period == Period.WEEK) ? first.plusDays(6)
				: first.with(TemporalAdjusters.lastDayOfMonth()).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
		List<CalendarEntry> entries = source.between(startOf(gridStart), startOf(gridEnd.plusDays(1)));
		List<List<Day>> weeks = new ArrayList<>();
		List<Day> week = new ArrayList<>();
		for (LocalDate day = gridStart; !day.isAfter(gridEnd); day = day.plusDays(1)) {
			boolean inPeriod = (period == Period.WEEK) || day.getMonth() == first.getMonth();
			week.add(day(day, inPeriod, day.equals(today), entries));
			if (week.size() == 7) {
				weeks.add(List.copyOf(week));
				week.clear();
			}
		}
		return new CalendarView(period, date, List.copyOf(weeks));
	}

	private static Day day(LocalDate date, boolean inPeriod, boolean today, List<CalendarEntry> entries) {
		Instant dayStart = startOf(date);
		Instant dayEnd = startOf(date.plusDays(1));
		var order = Comparator.comparing(DayEntry::from)
			.thenComparing((DayEntry part) -> part.entry().kind())
			.thenComparing((DayEntry part) -> part.entry().title());
		List<DayEntry> windows = new ArrayList<>();
		List<DayEntry> others = new ArrayList<>();
		for (CalendarEntry entry : entries) {
			if (entry.overlaps(dayStart, dayEnd)) {
				Instant from = entry.start().isAfter(dayStart) ? entry.start() : dayStart;
				Instant to = entry.end().isBefore(dayEnd) ? entry.end() : dayEnd;
				var part = new DayEntry(entry, from, to, time(from, to, dayStart, dayEnd), List.of());
				(entry.kind() == Kind.WINDOW ? windows : others).add(part);
			}
		}
		windows.sort(order);
		others.sort(order);
		return new Day(date, inPeriod, today, List.copyOf(windows), withOverlaps(others));
	}

	// a change during a freeze, or two changes at once, is what the engineer looking at this day must notice
	private static List<DayEntry> withOverlaps(List<DayEntry> parts) {
		return parts.stream()
			.map((part) -> new DayEntry(part.entry(), part.from(), part.to(), part.time(),
					parts.stream()
						.filter((other) -> other != part && other.atTheSameTimeAs(part))
						.map((other) -> other.entry().title())
						.distinct()
						.toList()))
			.toList();
	}

	private static String time(Instant from, Instant to, Instant dayStart, Instant dayEnd) {
		if (from.equals(dayStart) && to.equals(dayEnd)) {
			return "all day";
		}
		return TIME.format(from.atOffset(ZoneOffset.UTC)) + "–"
				+ (to.equals(dayEnd) ? "24:00" : TIME.format(to.atOffset(ZoneOffset.UTC)));
	}

	private static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	public Period period() {
		return this.period;
	}

	/** The date asked for; switching between week and month keeps it in view. */
	public LocalDate date() {
		return this.date;
	}

	/** E.g. "December 2026" or "Week 53 of 2026: 28 Dec 2026 – 3 Jan 2027". */
	public String heading() {
		if (this.period == Period.MONTH) {
			return MONTH.format(this.first);
		}
		return "Week " + this.first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " of "
				+ this.first.get(IsoFields.WEEK_BASED_YEAR) + ": " + DATE.format(this.first) + " – "
				+ DATE.format(this.first.plusDays(6));
	}

	public LocalDate previous() {
		return this.period.shift(this.first, -1);
	}

	public LocalDate next() {
		return this.period.shift(this.first, 1);
	}

	public List<List<Day>> weeks() {
		return this.weeks;
	}

	/** Each deployment window on this page once, for the legend. */
	public List<DayEntry> windows() {
		var windows = new LinkedHashMap<String, DayEntry>();
		this.weeks.stream()
			.flatMap(List::stream)
			.flatMap((day) -> day.windows().stream())
			.forEach((window) -> windows.putIfAbsent(window.entry().title(), window));
		return List.copyOf(windows.values());
	}

}
