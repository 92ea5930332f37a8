package io.changeflow.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Due dates of human steps, for the models' expressions: a step is due at {@code D}, its candidates are reminded at
 * {@code D}, change managers are alerted at {@code escalation(D)}, and an abandoned step expires at {@code expiry(D)}.
 */
@Component("deadlines")
public class Deadlines {

	private final LeadTimes leadTimes;

	private final Clock clock;

	Deadlines(LeadTimes leadTimes, Clock clock) {
		this.leadTimes = leadTimes;
		this.clock = clock;
	}

	/** An approval step is due one lead time of the change type after it starts (000, 002 §3.1). */
	public Date approvalDue(String changeType) {
		ChangeType type = ChangeType.parse(changeType)
			.orElseThrow(() -> new IllegalArgumentException("Unknown change type '" + changeType + "'"));
		return Date.from(clock.instant().plus(leadTimes.leadTime(type)));
	}

	/** A step with a fixed allowance, e.g. "P1D" to verify a change. */
	public Date in(String isoDuration) {
		return Date.from(clock.instant().plus(Duration.parse(isoDuration)));
	}

	public Date escalation(Date due) {
		return Date.from(due.toInstant().plus(leadTimes.escalateAfter()));
	}

	public Date expiry(Date due) {
		return Date.from(due.toInstant().plus(leadTimes.expireAfter()));
	}

}
