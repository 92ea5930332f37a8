package io.changeflow.webhook;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets delivered webhook events once they are older than {@code changeflow.webhooks.keep-delivered}. */
@Component
class DeliveryRetention {

	private final Deliveries deliveries;

	private final WebhookProperties properties;

	private final Clock clock;

	DeliveryRetention(Deliveries deliveries, WebhookProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.properties = properties;
		this.clock = clock;
	}

	/** Daily with the audit purge, inside the history-cleanup window. */
	@Scheduled(cron = "${changeflow.audit.purge-cron}", zone = "UTC")
	int purge() {
		return deliveries.forgetDelivered(clock.instant().minus(properties.keepDelivered()));
	}

}
