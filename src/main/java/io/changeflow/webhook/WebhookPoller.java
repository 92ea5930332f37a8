package io.changeflow.webhook;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher every {@code dispatch-interval} on a thread of its own, unless {@code changeflow.webhooks.poll}
 * is off. On shutdown it lets the delivery in flight finish, so the database is still there to record it.
 */
@Component
class WebhookPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookPoller.class);

	private final WebhookProperties properties;

	private final WebhookDispatcher dispatcher;

	private volatile ScheduledExecutorService executor;

	private volatile boolean stopping;

	WebhookPoller(WebhookProperties properties, WebhookDispatcher dispatcher) {
		this.properties = properties;
		this.dispatcher = dispatcher;
	}

	@Override
	public void start() {
		if (!properties.poll()) {
			return;
		}
		stopping = false;
		executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "webhook-dispatcher");
			// never holds up the JVM: a delivery cut short is sent again once its lease runs out
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.dispatchInterval().toMillis();
		executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = executor;
		if (running == null) {
			return;
		}
		stopping = true;
		running.shutdown();
		try {
			// the delivery in flight takes at most the request timeout
			if (!running.awaitTermination(properties.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
				running.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			running.shutdownNow();
			Thread.currentThread().interrupt();
		}
		executor = null;
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

	// an exception escaping a periodic task would cancel it for good
	private void poll() {
		try {
			dispatcher.dispatchDue(() -> stopping);
		}
		catch (RuntimeException ex) {
			log.warn("Webhook dispatch failed; trying again in {}", properties.dispatchInterval(), ex);
		}
	}

}
