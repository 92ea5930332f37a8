package io.changeflow.policy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a change of each type may take from request to done ({@code changeflow.policy.lead-times}), and when an
 * overdue step escalates or an untouched change expires. The defaults take the upper bound of each range in 000,
 * so "overdue" means past the longest time the policy allows; types 000 does not list take 002 §3.1's 5 days for a
 * normal change.
 */
public class LeadTimes {

	private static final Map<ChangeType, Duration> DEFAULTS = defaults();

	private final Map<ChangeType, Duration> leadTimes = new EnumMap<>(DEFAULTS);

	private final Duration escalateAfter;

	private final Duration expireAfter;

	/** @param configured lead times by change-type value ("bug-fix"), replacing the defaults */
	LeadTimes(Map<String, Duration> configured, Duration escalateAfter, Duration expireAfter) {
		configured.forEach((key, leadTime) -> {
			ChangeType type = ChangeType.parse(key)
				.orElseThrow(() -> new IllegalArgumentException("changeflow.policy.lead-times." + key
						+ ": unknown change type; known: " + ChangeType.allValues()));
			PolicyProperties.requirePositive("lead-times." + key, leadTime);
			this.leadTimes.put(type, leadTime);
		});
		this.escalateAfter = escalateAfter;
		this.expireAfter = expireAfter;
	}

	public Duration leadTime(ChangeType type) {
		return this.leadTimes.get(type);
	}

	/** How long after a step is due it escalates to the change managers. */
	public Duration escalateAfter() {
		return this.escalateAfter;
	}

	/** How long after it was due an untouched change expires. */
	public Duration expireAfter() {
		return this.expireAfter;
	}

	private static Map<ChangeType, Duration> defaults() {
		Map<ChangeType, Duration> defaults = new EnumMap<>(ChangeType.class);
		// 000 standard changes: "< 1 day"; configuration "1 day"
		defaults.put(ChangeType.DOCUMENTATION, Duration.ofDays(1));
		defaults.put(ChangeType.BUG_FIX, Duration.ofDays(1));
		defaults.put(ChangeType.TEST_ADDITION, Duration.ofDays(1));
		defaults.put(ChangeType.CONFIGURATION, Duration.ofDays(1));
		// 000 normal changes: 1-2, 2-5 and 2-3 days
		defaults.put(ChangeType.DEPENDENCY_MINOR, Duration.ofDays(2));
		defaults.put(ChangeType.FEATURE, Duration.ofDays(5));
		defaults.put(ChangeType.PERFORMANCE, Duration.ofDays(3));
		// 000 significant changes: 3-5 days, 1-2 weeks, 1 week, 2-4 weeks
		defaults.put(ChangeType.DEPENDENCY_MAJOR, Duration.ofDays(5));
		defaults.put(ChangeType.BREAKING_API, Duration.ofDays(14));
		defaults.put(ChangeType.SECURITY, Duration.ofDays(7));
		defaults.put(ChangeType.CRYPTOGRAPHIC, Duration.ofDays(7));
		defaults.put(ChangeType.ARCHITECTURE, Duration.ofDays(28));
		// not in 000: 002 §3.1 normal change
		defaults.put(ChangeType.APPLICATION_CODE, Duration.ofDays(5));
		defaults.put(ChangeType.PALLET_CODE, Duration.ofDays(5));
		defaults.put(ChangeType.INFRASTRUCTURE, Duration.ofDays(5));
		return Map.copyOf(defaults);
	}

}
