package io.changeflow.emergency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reviewWithin the post-implementation review is due this long after the implementation finished (002 §4.3)
 * @param remindAfter its candidates are reminded this long after the implementation finished; change managers are
 * alerted when it is due
 */
@ConfigurationProperties("changeflow.emergency")
record EmergencyProperties(Duration reviewWithin, Duration remindAfter) {

	EmergencyProperties {
		reviewWithin = (reviewWithin != null) ? reviewWithin : Duration.ofHours(48);
		remindAfter = (remindAfter != null) ? remindAfter : Duration.ofHours(24);
		if (remindAfter.isNegative() || remindAfter.isZero() || remindAfter.compareTo(reviewWithin) >= 0) {
			throw new IllegalArgumentException("changeflow.emergency.remind-after (" + remindAfter
					+ ") must be positive and shorter than review-within (" + reviewWithin + ")");
		}
	}

}
