package io.changeflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.changeflow.calendar.CalendarEntry.Kind;
import io.changeflow.policy.Booking;
import io.changeflow.policy.DeploymentBookings;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.DeploymentWindows;
import io.changeflow.policy.Freeze;
import io.changeflow.policy.FreezeCalendar;
import org.springframework.stereotype.Component;

/** The calendar's entries as the policy module knows them: freezes, booked deployment slots and daily windows. */
@Component
class PolicyCalendarEntries implements CalendarEntries {

	// the windows with daily hours, and who each is for (POL-CM-001 §8.1, as DeploymentWindow.forChange applies it)
	private static final Map<DeploymentWindow, Band> WINDOWS = windows();

	private static Map<DeploymentWindow, Band> windows() {
		var windows = new LinkedHashMap<DeploymentWindow, Band>();
		windows.put(DeploymentWindow.LOW_TRAFFIC, new Band("Low-traffic",
				"significant, high and critical risk changes and changes that need a maintenance window"));
		windows.put(DeploymentWindow.BUSINESS_HOURS, new Band("Business hours", "monitoring-heavy changes"));
		return windows;
	}

	private final FreezeCalendar freezes;

	private final DeploymentBookings bookings;

	private final DeploymentWindows windows;

	PolicyCalendarEntries(FreezeCalendar freezes, DeploymentBookings bookings, DeploymentWindows windows) {
		this.freezes = freezes;
		this.bookings = bookings;
		this.windows = windows;
	}

	@Override
	public List<CalendarEntry> between(Instant from, Instant to) {
		List<CalendarEntry> entries = new ArrayList<>();
		this.freezes.freezesOverlapping(from, to).stream().map(PolicyCalendarEntries::entry).forEach(entries::add);
		this.bookings.overlapping(from, to).stream().map(this::entry).forEach(entries::add);
		LocalDate last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
		for (LocalDate day = from.atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			for (var window : WINDOWS.entrySet()) {
				CalendarEntry entry = window(day, window.getKey(), window.getValue());
				if (entry.overlaps(from, to)) {
					entries.add(entry);
				}
			}
		}
		return entries;
	}

	// what an engineer needs before proposing a date: who may still deploy, where and why
	private static CalendarEntry entry(Freeze freeze) {
		String where = freeze.scope().isAll() ? "" : "; applies to " + freeze.scope().describe();
		return new CalendarEntry(Kind.FREEZE, freeze.name(),
				"Still allowed: " + freeze.allows() + where + "; reason: " + freeze.reason(), freeze.start(),
				freeze.end(), null);
	}

	private CalendarEntry entry(Booking booking) {
		return new CalendarEntry(Kind.CHANGE, booking.title(), booking.service() + " in " + booking.environment()
				+ ", " + this.windows.label(booking.window()) + " (change " + booking.changeId() + ")", booking.start(),
				booking.end(), "/camunda/app/cockpit/default/#/process-instance/" + booking.changeId());
	}

	private CalendarEntry window(LocalDate day, DeploymentWindow window, Band band) {
		return new CalendarEntry(Kind.WINDOW, band.title(), this.windows.label(window) + ", for " + band.usedBy(),
				day.atTime(this.windows.opens(window)).toInstant(ZoneOffset.UTC),
				day.atTime(this.windows.closes(window)).toInstant(ZoneOffset.UTC), null);
	}

	private record Band(String title, String usedBy) {

	}

}
