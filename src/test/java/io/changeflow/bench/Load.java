package io.changeflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one operation from several clients at once and measures it. */
final class Load {

	private Load() {
	}

	/**
	 * @param operations how many times in all, shared by the clients
	 * @param operation one call; it throws when the call failed, which is counted (an overloaded app answers 500 once
	 * a request has waited 10 s for a connection) and leaves the latencies
	 */
	static Stats run(int clients, int operations, Callable<?> operation) throws Exception {
		var remaining = new AtomicInteger(operations);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			var latencies = Collections.synchronizedList(new ArrayList<Long>(operations));
			var failures = new AtomicInteger();
			long start = System.nanoTime();
			var running = new ArrayList<Future<?>>();
			for (int i = 0; i < clients; i++) {
				running.add(pool.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						long before = System.nanoTime();
						try {
							operation.call();
							latencies.add(System.nanoTime() - before);
						}
						catch (Exception ex) {
							failures.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (var client : running) {
				client.get();
			}
			return Stats.of(clients, latencies, failures.get(), System.nanoTime() - start);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * @param operations that succeeded
	 * @param perSecond operations that succeeded per second over the whole run
	 */
	record Stats(int clients, int operations, int failed, double perSecond, double p50Ms, double p95Ms, double p99Ms) {

		static Stats of(int clients, List<Long> latencies, int failed, long elapsedNanos) {
			var sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return new Stats(clients, sorted.size(), failed, sorted.size() / (elapsedNanos / 1e9),
					percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
		}

		/** The rate as the report shows it, with the failures if there were any. */
		String rate() {
			return String.format(Locale.ROOT, "%.1f", perSecond) + ((failed > 0) ? " (" + failed + " failed)" : "");
		}

		private static double percentile(List<Long> sorted, int percent) {
			if (sorted.isEmpty()) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, index)) / 1e6;
		}

	}

}
