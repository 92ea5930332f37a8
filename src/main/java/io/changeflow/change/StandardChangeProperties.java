package io.changeflow.change;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changeflow.standard.*}.
 * @param demoteAfterFailures failed or rolled-back executions of one standard type that demote it to normal
 * @param failureWindow how far back those failures count
 * @param monitoringRanges the "defined ranges" of 002 §4.1 within which a monitoring threshold may be moved as a
 * standard change, by metric
 */
@ConfigurationProperties("changeflow.standard")
record StandardChangeProperties(@DefaultValue("2") int demoteAfterFailures,
		@DefaultValue("P30D") Duration failureWindow, Map<String, Range> monitoringRanges) {

	StandardChangeProperties {
		if (demoteAfterFailures < 1) {
			throw new IllegalArgumentException(
					"changeflow.standard.demote-after-failures must be at least 1, was " + demoteAfterFailures);
		}
		if (failureWindow == null || failureWindow.isNegative() || failureWindow.isZero()) {
			throw new IllegalArgumentException(
					"changeflow.standard.failure-window must be a positive duration, was " + failureWindow);
		}
		monitoringRanges = (monitoringRanges != null) ? Map.copyOf(monitoringRanges) : Map.of();
		monitoringRanges.forEach((metric, range) -> {
			if (range.min() == null || range.max() == null || range.min().compareTo(range.max()) > 0) {
				throw new IllegalArgumentException("changeflow.standard.monitoring-ranges." + metric
						+ " needs min ≤ max, was " + range.min() + ".." + range.max());
			}
		});
	}

	/** Inclusive bounds. */
	record Range(BigDecimal min, BigDecimal max) {

		boolean contains(BigDecimal value) {
			return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
		}

	}

}
