package io.changeflow.change;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the registry in step with the engine and announces what changed: {@link ChangePhaseChanged} when a change
 * enters a phase, {@link GateChanged} when its gate (for its own environment and approved artifact) turns. Both are
 * published inside the engine's transaction, so an event of a step that rolls back is never announced.
 */
@Component
class ChangeLifecycle {

	// the changes whose gate this transaction must decide before it commits
	private static final Object PENDING = ChangeLifecycle.class.getName() + ".pendingGates";

	private final ChangeRegistry registry;

	private final ChangeGate gate;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ChangeLifecycle(ChangeRegistry registry, ChangeGate gate, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, Clock clock) {
		this.registry = registry;
		this.gate = gate;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	void started(String changeId, String category, String processInstanceId, ChangeRegistry.Request request) {
		if (registry.register(changeId, category, processInstanceId, request)) {
			announce(changeId, category, null, ChangePhase.REQUESTED, null);
		}
		gateMayHaveTurned(changeId);
	}

	/**
	 * @param deployingTo the environment the step deploys to, or the change's own
	 * @param enactmentAt when a runtime upgrade is enacted: its slot has no end
	 */
	void entered(String changeId, ChangePhase phase, ChangeRegistry.Request request, String deployingTo,
			Instant enactmentAt) {
		if (enactmentAt != null) {
			registry.recordSlot(changeId, enactmentAt, null);
		}
		registry.movePhase(changeId, phase, request, deployingTo)
			.ifPresent(before -> announce(changeId, before.category(), before.phase(), phase, null));
		gateMayHaveTurned(changeId);
	}

	/** The change's process reached an end, or was deleted. */
	void ended(String changeId, String processInstanceId, String outcome, boolean successful) {
		var change = registry.find(changeId);
		// a standard change converted to normal ends its own process but goes on in the new one
		if (change.isEmpty() || !change.get().processInstanceId().equals(processInstanceId)) {
			return;
		}
		registry.close(changeId, outcome, successful)
			.ifPresent(previous -> announce(changeId, change.get().category(), previous, ChangePhase.CLOSED,
					registry.find(changeId).map(ChangeRecord::outcome).orElse(outcome)));
		gateMayHaveTurned(changeId);
	}

	@EventListener
	void scheduled(ChangeScheduled scheduled) {
		registry.recordSlot(scheduled.changeId(), scheduled.start(), scheduled.end());
		gateMayHaveTurned(scheduled.changeId());
	}

	/** Slots open and end, freezes start and end without a step of the change: look again every so often. */
	@Scheduled(initialDelayString = "${changeflow.gate.recheck-every}", fixedDelayString = "${changeflow.gate.recheck-every}")
	void recheckGates() {
		for (String changeId : registry.gated()) {
			transaction.executeWithoutResult(status -> refreshGate(changeId));
		}
	}

	/** Re-decides the gate now, announcing it if it turned. */
	void refreshGate(String changeId) {
		registry.find(changeId).ifPresent(change -> {
			var decision = gate.decide(change, null, change.artifact());
			if (registry.recordGate(changeId, decision.state(), decision.reason())) {
				events.publishEvent(new GateChanged(changeId, change.environment(), decision.state(),
						decision.reason(), decision.until(), clock.instant()));
			}
		});
	}

	private void announce(String changeId, String category, ChangePhase previous, ChangePhase phase, String outcome) {
		events.publishEvent(new ChangePhaseChanged(changeId, category, previous, phase, outcome, clock.instant()));
	}

	// one step may pass several phases (a call activity and its first task): decide once, before the commit
	private void gateMayHaveTurned(String changeId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			refreshGate(changeId);
			return;
		}
		Set<String> pending = pendingGates();
		if (pending.add(changeId) && pending.size() == 1) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					pendingGates().forEach(ChangeLifecycle.this::refreshGate);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
				}
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static Set<String> pendingGates() {
		var pending = (Set<String>) TransactionSynchronizationManager.getResource(PENDING);
		if (pending == null) {
			pending = new LinkedHashSet<>();
			TransactionSynchronizationManager.bindResource(PENDING, pending);
		}
		return pending;
	}

}
