package io.changeflow.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one way a separation-of-duties check refuses: the refusal is announced (the audit trail records it even though
 * the refused step rolls back) and the caller throws what it gets back.
 */
@Component
public class SeparationOfDuties {

	private final ApplicationEventPublisher events;

	private final SecurityProperties properties;

	SeparationOfDuties(ApplicationEventPublisher events, SecurityProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	/** @return the exception to throw, after announcing the refusal */
	public SeparationOfDutiesException refuse(String changeId, String actor, String action, String reason) {
		events.publishEvent(new DutyRefused(changeId, actor, action, reason));
		return new SeparationOfDutiesException(reason + " (separation of duties)");
	}

	/** Whether the person who implemented a change may not verify it ({@code changeflow.security.separate-implementer-and-verifier}). */
	public boolean separatesImplementerAndVerifier() {
		return properties.separateImplementerAndVerifier();
	}

}
