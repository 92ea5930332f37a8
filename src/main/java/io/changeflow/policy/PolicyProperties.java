package io.changeflow.policy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changeflow.policy.*}, defaulting to the policy seeds. The holiday freeze has its own
 * {@link HolidayFreezeProperties}.
 * @param services what changes and freezes may name (the catalogue)
 * @param environments where they may run
 * @param postIncidentFreeze how long a post-incident freeze lasts (002 §8.2: 48 hours)
 * @param lookahead how far ahead the planner looks for a slot
 * @param anyTimeSlot length of an any-time slot: as long as the 4-hour windows, so an any-time change does not
 * hold its service for a whole day
 * @param windows hours of the daily windows, by window ({@code low-traffic}, {@code business-hours}); unset ones
 * keep the 002 §8.1 hours
 * @param leadTimes lead time by change type ({@code bug-fix: P1D}); unset ones keep the seed values
 * @param escalateAfter how long after a step is due it escalates to the change managers
 * @param expireAfter how long after it was due an untouched change expires
 */
@ConfigurationProperties("changeflow.policy")
record PolicyProperties(
		@DefaultValue({ "heliosdb-lite", "quantumharmony-node", "quantumharmony-runtime",
				"changeflow" }) List<String> services,
		@DefaultValue({ "production", "staging", "testnet" }) List<String> environments,
		@DefaultValue("PT48H") Duration postIncidentFreeze, @DefaultValue("P90D") Duration lookahead,
		@DefaultValue("PT4H") Duration anyTimeSlot, Map<DeploymentWindow, Hours> windows,
		Map<String, Duration> leadTimes, @DefaultValue("P1D") Duration escalateAfter,
		@DefaultValue("P30D") Duration expireAfter) {

	PolicyProperties {
		windows = (windows != null) ? Map.copyOf(windows) : Map.of();
		leadTimes = (leadTimes != null) ? Map.copyOf(leadTimes) : Map.of();
		requirePositive("post-incident-freeze", postIncidentFreeze);
		requirePositive("lookahead", lookahead);
		requirePositive("any-time-slot", anyTimeSlot);
		requirePositive("escalate-after", escalateAfter);
		requirePositive("expire-after", expireAfter);
	}

	static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(
					"changeflow.policy." + key + " must be a positive duration, was " + value);
		}
	}

	/** A daily window in UTC, {@code closes} exclusive. */
	record Hours(LocalTime opens, LocalTime closes) {

	}

}
