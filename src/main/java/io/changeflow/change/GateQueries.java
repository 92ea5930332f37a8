package io.changeflow.change;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers pipelines asking the gate, now or by long polling: an awaiting answer is held (without holding a request
 * thread) until the gate turns or the wait ends. Held answers are re-decided when a gate change commits on this node
 * and every second, which also covers other nodes and slots that open by the clock.
 */
@Component
class GateQueries implements DisposableBean {

	private final ChangeRegistry registry;

	private final ChangeGate gate;

	private final Clock clock;

	private final Set<Wait> waits = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "gate-long-polls");
		thread.setDaemon(true);
		return thread;
	});

	GateQueries(ChangeRegistry registry, ChangeGate gate, Clock clock) {
		this.registry = registry;
		this.gate = gate;
		this.clock = clock;
		ticker.scheduleWithFixedDelay(() -> recheck(null), 1, 1, TimeUnit.SECONDS);
	}

	/** @return empty when there is no such change */
	Optional<GateView> now(String changeId, String environment, String artifact) {
		return registry.find(changeId).map(change -> now(change, environment, artifact));
	}

	GateView now(ChangeRecord change, String environment, String artifact) {
		var decision = gate.decide(change, environment, artifact);
		return new GateView(change.changeId(), (environment != null) ? environment : change.environment(), artifact,
				decision.state(), decision.reason(), decision.until(), clock.instant());
	}

	/** @param current the answer now; held up to {@code waitSeconds} while it is "awaiting" */
	DeferredResult<GateView> await(GateView current, int waitSeconds) {
		// our own deadline answers; the request's timeout is only a backstop
		var result = new DeferredResult<GateView>((waitSeconds + 10) * 1000L, current);
		if (current.state() != GateState.AWAITING || waitSeconds == 0) {
			result.setResult(current);
			return result;
		}
		var wait = new Wait(current, System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds), result);
		waits.add(wait);
		result.onCompletion(() -> waits.remove(wait));
		return result;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void gateChanged(GateChanged changed) {
		ticker.execute(() -> recheck(changed.changeId()));
	}

	// runs on the ticker only, so waits are answered one at a time
	private void recheck(String changeId) {
		for (Wait wait : waits) {
			if (changeId != null && !changeId.equals(wait.asked().changeId())) {
				continue;
			}
			try {
				GateView latest = now(wait.asked().changeId(), wait.asked().environment(), wait.asked().artifact())
					.orElse(wait.asked());
				if (latest.state() != GateState.AWAITING || System.nanoTime() - wait.deadline() >= 0) {
					wait.result().setResult(latest);
				}
			}
			catch (RuntimeException ex) {
				wait.result().setErrorResult(ex);
			}
		}
	}

	@Override
	public void destroy() {
		ticker.shutdownNow();
	}

	private record Wait(GateView asked, long deadline, DeferredResult<GateView> result) {
	}

}
