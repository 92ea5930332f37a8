package io.changeflow.metrics;

/**
 * One change KPI over a period (002 §10), with the numbers it was computed from, so a reader can check it.
 *
 * @param key stable id, e.g. {@code change-success-rate}, {@code time-in-phase.in-review}
 * @param label in words, e.g. "Change success rate"
 * @param value percent (0–100) for rates, hours for times; null when the period has nothing to measure
 * @param numerator for a rate the changes counted, for a time the summed hours
 * @param denominator the changes it is taken over
 * @param target the policy's target; null when the policy sets none
 * @param unit {@code percent} or {@code hours}
 */
public record Kpi(String key, String label, Double value, double numerator, long denominator, Target target,
		String unit) {

	/** Whether the KPI misses its target; a KPI without data or without target never does. */
	public boolean breached() {
		return target != null && value != null && !target.met(value);
	}

	/** @param above whether the value must exceed the threshold (success rate) or stay under it (the others) */
	public record Target(boolean above, double threshold) {

		boolean met(double value) {
			return above ? value > threshold : value < threshold;
		}

		@Override
		public String toString() {
			return (above ? "> " : "< ") + threshold;
		}

	}

}
