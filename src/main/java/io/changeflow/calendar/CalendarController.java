package io.changeflow.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The change calendar an engineer checks before proposing a date: {@code /calendar?view=week|month&date=yyyy-MM-dd},
 * by default this month (UTC).
 */
@Controller
class CalendarController {

	private final CalendarEntries entries;

	private final Clock clock;

	CalendarController(CalendarEntries entries, Clock clock) {
		this.entries = entries;
		this.clock = clock;
	}

	@GetMapping("/calendar")
	ModelAndView calendar(@RequestParam(required = false) String view, @RequestParam(required = false) String date) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		CalendarView.Period period;
		LocalDate day;
		try {
			period = CalendarView.Period.parse(view);
			day = CalendarView.parseDate(date, today);
		}
		catch (IllegalArgumentException ex) {
			return new ModelAndView("calendar-error", Map.of("message", ex.getMessage()), HttpStatus.BAD_REQUEST);
		}
		return new ModelAndView("calendar", Map.of("calendar", CalendarView.of(period, day, today, this.entries)));
	}

}
