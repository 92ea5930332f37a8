package io.changeflow.metrics;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;

import io.changeflow.change.OpenChanges;
import io.changeflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /dashboard}: the page a change manager leaves open. The KPIs of the last 30 days against 002 §10.1's targets,
 * their trend over 12 weeks, the open changes by phase and the slots of the next 14 days; it reloads every minute.
 * For change managers, auditors and the engineering lead, with HTTP Basic or the Camunda webapp login of the browser.
 */
@Controller
class DashboardController {

	static final int TREND_WEEKS = 12;

	static final Duration UPCOMING = Duration.ofDays(14);

	private final ChangeKpis kpis;

	private final OpenChanges changes;

	private final CurrentUser caller;

	private final Clock clock;

	DashboardController(ChangeKpis kpis, OpenChanges changes, CurrentUser caller, Clock clock) {
		this.kpis = kpis;
		this.changes = changes;
		this.caller = caller;
		this.clock = clock;
	}

	@GetMapping("/dashboard")
	ModelAndView dashboard() {
		Optional<ModelAndView> refused = refused();
		if (refused.isPresent()) {
			return refused.get();
		}
		Instant now = clock.instant();
		// whole ISO weeks, the current one last (so far)
		Instant weekEnd = now.atZone(ZoneOffset.UTC)
			.toLocalDate()
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		Instant upcomingEnd = now.plus(UPCOMING);
		var view = DashboardView.of(now, kpis.between(now.minus(ChangeMeters.WINDOW), now),
				kpis.trend(weekEnd, Period.ofWeeks(1), TREND_WEEKS), changes.open(),
				changes.slotsBetween(now, upcomingEnd), upcomingEnd);
		return new ModelAndView("dashboard", Map.of("dashboard", view));
	}

	private Optional<ModelAndView> refused() {
		Optional<String> user = caller.userId();
		if (user.isEmpty()) {
			return Optional.of(refusal(HttpStatus.UNAUTHORIZED,
					"Sign in to Tasklist or Cockpit in this browser first, or use HTTP Basic."));
		}
		if (MetricsController.READERS.stream().noneMatch(caller::isMemberOf)) {
			return Optional.of(refusal(HttpStatus.FORBIDDEN, user.get() + " is not a member of "
					+ String.join(" or ", MetricsController.READERS) + ": only " + MetricsController.WHO + "."));
		}
		return Optional.empty();
	}

	private static ModelAndView refusal(HttpStatus status, String message) {
		return new ModelAndView("dashboard-refused", Map.of("message", message), status);
	}

}
