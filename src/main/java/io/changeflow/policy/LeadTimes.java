package io.changeflow.policy;

import java.time.Duration;

import org.springframework.stereotype.Component;

// TEMPORARY stand-in until the policy-backend branch (configurable lead times) is merged
@Component
public class LeadTimes {

	public Duration leadTime(ChangeType type) {
		return type == ChangeType.DOCUMENTATION ? Duration.ofDays(1) : Duration.ofDays(5);
	}

	public Duration escalateAfter() {
		return Duration.ofDays(1);
	}

	public Duration expireAfter() {
		return Duration.ofDays(30);
	}

}
