package io.changeflow.metrics;

import java.time.Instant;
import java.time.Period;
import java.util.List;

/** The change KPIs of a period, computed from the audit trail and Camunda history. */
public interface ChangeKpis {

	/** Keys of the four KPIs with a target in 002 §10.1. */
	String SUCCESS_RATE = "change-success-rate";

	String EMERGENCY_RATE = "emergency-change-rate";

	String MEAN_TIME_TO_DEPLOY = "mean-time-to-deploy";

	String ROLLBACK_RATE = "rollback-rate";

	KpiSnapshot between(Instant from, Instant to);

	/** Consecutive periods of {@code step} ending at {@code end}, oldest first: the trend of every KPI. */
	List<KpiSnapshot> trend(Instant end, Period step, int periods);

}
