package io.changeflow.emergency;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Dates for change-emergency's expressions: the post-implementation review counts from the end of the fix. */
@Component("emergencyDeadlines")
@EnableConfigurationProperties(EmergencyProperties.class)
public class EmergencyDeadlines {

	private final Clock clock;

	private final EmergencyProperties properties;

	EmergencyDeadlines(Clock clock, EmergencyProperties properties) {
		this.clock = clock;
		this.properties = properties;
	}

	/** The engine's now, as a Date variable. */
	public Date now() {
		return Date.from(clock.instant());
	}

	/** 002 §4.3: the review is due within 48 hours of the implementation; overdue escalates to change managers. */
	public Date reviewDue(Date implementationFinishedAt) {
		return Date.from(implementationFinishedAt.toInstant().plus(properties.reviewWithin()));
	}

	/** How long after the implementation the review is due: what the audit evidence holds emergencies to. */
	public Duration reviewWithin() {
		return properties.reviewWithin();
	}

	public Date reviewReminder(Date implementationFinishedAt) {
		return Date.from(implementationFinishedAt.toInstant().plus(properties.remindAfter()));
	}

}
