package io.changeflow.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.changeflow.change.ChangePhase;
import io.changeflow.change.ChangePhaseChanged;
import io.changeflow.change.OpenChanges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Change metrics for Prometheus ({@code /actuator/prometheus}), named by its conventions: ratios 0–1, times in
 * seconds, counters ending in {@code _total}. Gauges show the KPIs of the last 30 days and the open changes by phase;
 * both are computed at most once a minute, however often they are scraped. Counters count what happens on this node
 * from its start: requests by category, closures by category and outcome.
 */
@Component
class ChangeMeters {

	static final Duration WINDOW = Duration.ofDays(30);

	static final Duration REFRESH = Duration.ofMinutes(1);

	/** The outcome of a withdrawal: its reason is free text, which must not become a label value. */
	private static final String WITHDRAWN = "withdrawn";

	private final MeterRegistry registry;

	private final ChangeKpis kpis;

	private final OpenChanges changes;

	private final Clock clock;

	private long computedAt;

	private KpiSnapshot window;

	private Map<ChangePhase, Long> open = Map.of();

	ChangeMeters(MeterRegistry registry, ChangeKpis kpis, OpenChanges changes, Clock clock) {
		this.registry = registry;
		this.kpis = kpis;
		this.changes = changes;
		this.clock = clock;
		ratio("changeflow.change.success.ratio", ChangeKpis.SUCCESS_RATE, "Change success rate (policy 002, 10.1)");
		ratio("changeflow.change.emergency.ratio", ChangeKpis.EMERGENCY_RATE, "Emergency change rate (policy 002, 10.1)");
		ratio("changeflow.change.rollback.ratio", ChangeKpis.ROLLBACK_RATE, "Rollback rate (policy 002, 10.1)");
		ratio("changeflow.change.failure.ratio", KpiCalculator.CHANGE_FAILURE_RATE, "Change failure rate");
		seconds("changeflow.change.mean.time.to.deploy", ChangeKpis.MEAN_TIME_TO_DEPLOY,
				"Mean time from approval to deployment of normal changes (policy 002, 10.1)");
		seconds("changeflow.change.approval.lead.time", KpiCalculator.APPROVAL_LEAD_TIME,
				"Mean time from request to approval");
		for (ChangePhase phase : KpiCalculator.PHASES) {
			Gauge.builder("changeflow.changes.open", this, meters -> meters.open(phase))
				.description("Changes open now")
				.tag("phase", phase.value())
				.register(registry);
			Gauge.builder("changeflow.change.time.in.phase", this,
					meters -> seconds(meters.kpi(KpiCalculator.TIME_IN_PHASE + phase.value())))
				.description("Mean time changes spent in a phase they left in the last 30 days")
				.tag("phase", phase.value())
				.baseUnit("seconds")
				.register(registry);
		}
	}

	/** Counted once the step that moved the change commits: a step rolled back (and retried) is not counted twice. */
	@TransactionalEventListener(fallbackExecution = true)
	void phaseChanged(ChangePhaseChanged event) {
		String category = (event.category() != null) ? event.category() : "unknown";
		if (event.previous() == null) {
			Counter.builder("changeflow.changes.requested")
				.description("Changes requested on this node since it started")
				.tag("category", category)
				.register(registry)
				.increment();
		}
		else if (event.phase() == ChangePhase.CLOSED) {
			Counter.builder("changeflow.changes.closed")
				.description("Changes closed on this node since it started")
				.tag("category", category)
				.tag("outcome", outcome(event.outcome()))
				.register(registry)
				.increment();
		}
	}

	/**
	 * The end the change reached as a label value ("change-closed", "change-rolled-back", "cancelled"), or
	 * "withdrawn": a withdrawal's outcome names who withdrew it and why.
	 */
	private static String outcome(String outcome) {
		if (outcome == null || outcome.isBlank()) {
			return "unknown";
		}
		String value = outcome.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
		return value.matches("[a-z-]{1,48}") ? value : WITHDRAWN;
	}

	private void ratio(String name, String key, String description) {
		Gauge.builder(name, this, meters -> ratio(meters.kpi(key)))
			.description(description + " over the last 30 days, 0 to 1; NaN without changes to measure")
			.register(registry);
	}

	private void seconds(String name, String key, String description) {
		Gauge.builder(name, this, meters -> seconds(meters.kpi(key)))
			.description(description + " over the last 30 days; NaN without changes to measure")
			.baseUnit("seconds")
			.register(registry);
	}

	private static double ratio(Kpi kpi) {
		return (kpi == null || kpi.value() == null) ? Double.NaN : kpi.value() / 100;
	}

	private static double seconds(Kpi kpi) {
		return (kpi == null || kpi.value() == null) ? Double.NaN : kpi.value() * 3600;
	}

	private Kpi kpi(String key) {
		return refreshed().window.kpi(key).orElse(null);
	}

	private double open(ChangePhase phase) {
		return refreshed().open.getOrDefault(phase, 0L);
	}

	// scrapes of every gauge, by every Prometheus server, share one computation a minute; the monotonic clock because
	// the engine's may stand still (tests) or jump
	private synchronized ChangeMeters refreshed() {
		long now = System.nanoTime();
		if (window == null || now - computedAt >= REFRESH.toNanos()) {
			Instant end = clock.instant();
			window = kpis.between(end.minus(WINDOW), end);
			var byPhase = new EnumMap<ChangePhase, Long>(ChangePhase.class);
			changes.open().forEach(change -> byPhase.merge(change.phase(), 1L, Long::sum));
			open = byPhase;
			computedAt = now;
		}
		return this;
	}

}
