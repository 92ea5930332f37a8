package io.changeflow.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.changeflow.webhook.Deliveries.Due;
import io.changeflow.webhook.WebhookProperties.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries from the outbox. Any number of nodes may dispatch at once: a node sends only what it claimed
 * with a lease, and a delivery whose node died while holding it is due again once the lease has run out. A change's
 * events reach each subscription in order, since only the earliest pending one of a change is ever due.
 */
@Component
class WebhookDispatcher {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private static final int BATCH = 100;

	private static final int MAX_ERROR_LENGTH = 1000;

	private final WebhookProperties properties;

	private final Deliveries deliveries;

	private final WebhookSigner signer;

	private final Clock clock;

	private final HttpClient http;

	WebhookDispatcher(WebhookProperties properties, Deliveries deliveries, WebhookSigner signer, Clock clock) {
		this.properties = properties;
		this.deliveries = deliveries;
		this.signer = signer;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
	}

	/** Sends everything due now, including what becomes due by it (the next event of a delivered change). */
	int dispatchDue() {
		return dispatchDue(() -> false);
	}

	/**
	 * @param stop asked before each delivery; true ends the run early (shutdown), leaving the rest pending, as does an
	 * interrupt
	 * @return how many deliveries were attempted
	 */
	int dispatchDue(BooleanSupplier stop) {
		// a receiver that failed once is not tried again in this run, so one that is down costs one timeout per run
		Set<String> failing = new HashSet<>();
		int attempted = 0;
		List<Due> due;
		// every attempt delivers a row, moves it into the future or stops its subscription for this run; so does
		// losing a claim to another node: the loop ends
		while (!(due = deliveries.due(clock.instant(), failing, BATCH)).isEmpty()) {
			for (Due delivery : due) {
				if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
					return attempted;
				}
				if (failing.contains(delivery.subscription())) {
					continue;
				}
				Subscription subscription = properties.subscription(delivery.subscription()).orElse(null);
				if (subscription == null) {
					deliveries.abandon(delivery, "Subscription " + delivery.subscription() + " is no longer configured");
					log.warn("Webhook delivery {} failed: subscription {} is no longer configured",
							delivery.deliveryId(), delivery.subscription());
					continue;
				}
				String token = UUID.randomUUID().toString();
				Instant now = clock.instant();
				if (deliveries.claim(delivery, token, now, now.plus(properties.lease()))) {
					attempted++;
					if (!send(subscription, delivery, token)) {
						failing.add(subscription.name());
					}
				}
			}
		}
		return attempted;
	}

	/** @return whether the receiver accepted it */
	private boolean send(Subscription subscription, Due delivery, String token) {
		long timestamp = clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
			.timeout(properties.requestTimeout())
			.header("Content-Type", "application/json")
			.header("X-Changeflow-Event", delivery.type().value())
			.header("X-Changeflow-Delivery", delivery.deliveryId())
			.header("X-Changeflow-Timestamp", Long.toString(timestamp))
			.header("X-Changeflow-Signature", signer.signature(subscription.secret(), timestamp, delivery.payload()))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
			.build();
		Integer statusCode = null;
		String error;
		// the receiver's answer is not needed beyond its status; the timeout bounds the whole exchange, body included
		CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
		try {
			statusCode = exchange.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
			if (statusCode >= 200 && statusCode < 300) {
				deliveries.delivered(delivery, token, statusCode, clock.instant());
				log.debug("Webhook delivery {} to {} accepted ({})", delivery.deliveryId(), subscription.name(),
						statusCode);
				return true;
			}
			error = "HTTP " + statusCode;
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			error = "No response within " + properties.requestTimeout();
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			error = cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		}
		catch (InterruptedException ex) {
			// shutting down: the lease runs out and this or another node sends it again
			Thread.currentThread().interrupt();
			exchange.cancel(true);
			return false;
		}
		attemptFailed(subscription, delivery, token, statusCode, truncate(error));
		return false;
	}

	private void attemptFailed(Subscription subscription, Due delivery, String token, Integer statusCode,
			String error) {
		int attempts = delivery.attempts() + 1;
		WebhookProperties.Backoff backoff = properties.backoff();
		if (attempts >= backoff.maxAttempts()) {
			deliveries.failed(delivery, token, statusCode, error);
			log.warn("Webhook delivery {} ({} of {}) to {} failed after {} attempts, last: {}", delivery.deliveryId(),
					delivery.type().value(), delivery.changeId(), subscription.name(), attempts, error);
			return;
		}
		Duration delay = backoff.delayAfter(attempts);
		deliveries.retryLater(delivery, token, statusCode, error, clock.instant().plus(delay));
		log.info("Webhook delivery {} to {} failed (attempt {} of {}: {}); next attempt in {}", delivery.deliveryId(),
				subscription.name(), attempts, backoff.maxAttempts(), error, delay);
	}

	private static String truncate(String error) {
		return (error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH);
	}

}
