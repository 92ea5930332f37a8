package io.changeflow.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changeflow.webhooks.*}. A subscription that could never work (blank secret, no http(s) url, unknown event,
 * a name used twice) fails startup naming the key, rather than losing events at run time.
 * @param poll whether this node polls the outbox; off in tests, which dispatch themselves
 * @param dispatchInterval pause between two polls
 * @param requestTimeout the longest one delivery may take, connecting included
 * @param lease how long a node owns a delivery it claimed; a node that dies holding one frees it when this runs out,
 * so it must exceed the request timeout
 * @param keepDelivered how long a delivered event stays listed, as a deployment log (000: 1 year); pending and failed
 * ones stay until they are delivered
 */
@ConfigurationProperties("changeflow.webhooks")
record WebhookProperties(@DefaultValue("true") boolean poll, @DefaultValue("PT5S") Duration dispatchInterval,
		@DefaultValue("PT10S") Duration requestTimeout, @DefaultValue("PT1M") Duration lease,
		@DefaultValue Backoff backoff, List<Subscription> subscriptions,
		@DefaultValue("P365D") Duration keepDelivered) {

	private static final String PREFIX = "changeflow.webhooks.";

	// the outbox's column: a longer name would fail every move of a change
	private static final int MAX_NAME_LENGTH = 100;

	WebhookProperties {
		positive("dispatch-interval", dispatchInterval);
		positive("request-timeout", requestTimeout);
		positive("lease", lease);
		positive("keep-delivered", keepDelivered);
		if (lease.compareTo(requestTimeout) <= 0) {
			throw new IllegalArgumentException(PREFIX + "lease (" + lease + ") must be longer than request-timeout ("
					+ requestTimeout + "), or a slow delivery would be sent twice");
		}
		subscriptions = (subscriptions != null) ? List.copyOf(subscriptions) : List.of();
		var names = new HashSet<String>();
		for (int i = 0; i < subscriptions.size(); i++) {
			Subscription subscription = subscriptions.get(i);
			String key = PREFIX + "subscriptions[" + i + "].";
			if (subscription.name() == null || subscription.name().isBlank()
					|| subscription.name().length() > MAX_NAME_LENGTH) {
				throw new IllegalArgumentException(
						key + "name must not be blank nor longer than " + MAX_NAME_LENGTH + " characters");
			}
			if (!names.add(subscription.name())) {
				throw new IllegalArgumentException(
						key + "name '" + subscription.name() + "' is used by another subscription");
			}
			if (!httpUrl(subscription.url())) {
				throw new IllegalArgumentException(key + "url must be an absolute http(s) URL, was '"
						+ subscription.url() + "'");
			}
			if (subscription.secret() == null || subscription.secret().isBlank()) {
				throw new IllegalArgumentException(key + "secret must not be blank: receivers verify the signature"
						+ " with it (set it from the environment, e.g. ${CHANGEFLOW_WEBHOOK_SECRET})");
			}
			if (subscription.events() == null || subscription.events().isEmpty()) {
				throw new IllegalArgumentException(key + "events must name at least one of " + EventType.PHASE.value()
						+ ", " + EventType.GATE.value());
			}
			for (String event : subscription.events()) {
				if (EventType.parse(event).isEmpty()) {
					throw new IllegalArgumentException(key + "events: unknown event type '" + event + "', expected "
							+ EventType.PHASE.value() + " or " + EventType.GATE.value());
				}
			}
		}
	}

	Optional<Subscription> subscription(String name) {
		return subscriptions.stream().filter(subscription -> subscription.name().equals(name)).findFirst();
	}

	private static void positive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(PREFIX + key + " must be a positive duration, was " + value);
		}
	}

	private static boolean httpUrl(String url) {
		try {
			URI uri = new URI(url);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (Exception ex) {
			// a missing or malformed url alike
			return false;
		}
	}

	/**
	 * Delay before attempt n+1 after n failed attempts: {@code min(initialDelay × 2^(n-1), maxDelay)}; after
	 * {@code maxAttempts} failed attempts a delivery is failed and waits for a change manager to retry it.
	 */
	record Backoff(@DefaultValue("PT10S") Duration initialDelay, @DefaultValue("PT1H") Duration maxDelay,
			@DefaultValue("15") int maxAttempts) {

		Backoff {
			positive("backoff.initial-delay", initialDelay);
			positive("backoff.max-delay", maxDelay);
			if (maxDelay.compareTo(initialDelay) < 0) {
				throw new IllegalArgumentException(PREFIX + "backoff.max-delay (" + maxDelay
						+ ") must not be shorter than initial-delay (" + initialDelay + ")");
			}
			if (maxAttempts < 1) {
				throw new IllegalArgumentException(
						PREFIX + "backoff.max-attempts must be at least 1, was " + maxAttempts);
			}
		}

		/** @param failedAttempts at least 1 */
		Duration delayAfter(int failedAttempts) {
			Duration delay = initialDelay;
			// doubling until the cap, so no power of two can overflow
			for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
				delay = delay.multipliedBy(2);
			}
			return (delay.compareTo(maxDelay) < 0) ? delay : maxDelay;
		}

	}

	/** @param events event types ({@code change.phase}, {@code change.gate}) this receiver wants */
	record Subscription(String name, String url, String secret, List<String> events) {

		boolean wants(EventType type) {
			return events.contains(type.value());
		}

		// configuration may be logged or shown in a startup failure; the secret never is
		@Override
		public String toString() {
			return "Subscription[name=" + name + ", url=" + url + ", events=" + events + "]";
		}

	}

}
