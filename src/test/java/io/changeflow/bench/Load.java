package io.changeflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
	 * @param operation one call; it throws when the call failed
	 */
	static Stats run(int clients, int operations, Callable<?> operation) throws Exception {
		var remaining = new AtomicInteger(operations);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			var latencies = Collections.synchronizedList(new ArrayList<Long>(operations));
			long start = System.nanoTime();
			var running = new ArrayList<Future<?>>();
			for (int i = 0; i < clients; i++) {
				running.add(pool.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						long before = System.nanoTime();
						operation.call();
						latencies.add(System.nanoTime() - before);
					}
					return null;
				}));
			}
			for (var client : running) {
				client.get();
			}
			return Stats.of(clients, latencies, System.nanoTime() - start);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** @param perSecond operations per second over the whole run */
	record Stats(int clients, int operations, double perSecond, double p50Ms, double p95Ms, double p99Ms) {

		static Stats of(int clients, List<Long> latencies, long elapsedNanos) {
			var sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return new Stats(clients, sorted.size(), sorted.size() / (elapsedNanos / 1e9), percentile(sorted, 50),
					percentile(sorted, 95), percentile(sorted, 99));
		}

		private static double percentile(List<Long> sorted, int percent) {
			int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, index)) / 1e6;
		}

	}

}
