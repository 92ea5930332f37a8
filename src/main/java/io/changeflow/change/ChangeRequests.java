package io.changeflow.change;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Opens and withdraws changes for the API. Each is one transaction: the number, the process and the registry row are
 * stored together or not at all.
 */
@Service
class ChangeRequests {

	private final ChangeIds ids;

	private final ChangeRegistry registry;

	private final ChangeProcesses processes;

	private final TransactionTemplate transaction;

	ChangeRequests(ChangeIds ids, ChangeRegistry registry, ChangeProcesses processes,
			PlatformTransactionManager transactions) {
		this.ids = ids;
		this.registry = registry;
		this.processes = processes;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Opens a change as the authenticated requester. With an idempotency key, a retry of the same request returns the
	 * change the first one opened: the key is looked up while holding the change counter, so parallel retries queue
	 * and all but the first find the change.
	 * @param requestHash identifies the request; the same key with another request is refused
	 */
	Opened open(String requester, String category, Map<String, Object> variables, String idempotencyKey,
			String requestHash) {
		Opened opened = transaction.execute(status -> {
			String changeId = ids.next();
			if (idempotencyKey != null) {
				var earlier = registry.findByIdempotencyKey(requester, idempotencyKey);
				if (earlier.isPresent()) {
					// gives the number back
					status.setRollbackOnly();
					if (!requestHash.equals(earlier.get().requestHash())) {
						throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key '"
								+ idempotencyKey + "' was used for another request, which opened "
								+ earlier.get().changeId() + "; use a new key for a new change");
					}
					return new Opened(earlier.get(), true);
				}
			}
			processes.start(category, changeId, variables);
			if (idempotencyKey != null) {
				registry.bindIdempotencyKey(changeId, idempotencyKey, requestHash);
			}
			return new Opened(registry.find(changeId).orElseThrow(), false);
		});
		// as committed: the gate is decided just before the commit
		return new Opened(registry.find(opened.change().changeId()).orElseThrow(), opened.replayed());
	}

	/**
	 * Withdraws a change before its implementation; the row lock keeps the change from moving on meanwhile.
	 * @param manager whether the caller is a change manager, who may withdraw anyone's change
	 */
	ChangeRecord withdraw(String changeId, String user, boolean manager, String reason) {
		transaction.executeWithoutResult(status -> {
			ChangeRecord change = registry.lock(changeId)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No change " + changeId));
			if (!manager && !user.equals(change.requester())) {
				throw new ResponseStatusException(HttpStatus.FORBIDDEN,
						user + " did not request " + changeId + ": only its requester or a change manager withdraws it");
			}
			if (change.closed()) {
				throw new ResponseStatusException(HttpStatus.CONFLICT, changeId + " is closed: " + change.outcome());
			}
			if ("emergency".equals(change.category()) || !change.phase().beforeImplementation()) {
				throw new ResponseStatusException(HttpStatus.CONFLICT, changeId + " is " + change.phase().value()
						+ ": a change can be withdrawn only before its implementation (an emergency is implemented as"
						+ " soon as it is declared)");
			}
			String outcome = "Withdrawn by " + user + ": " + reason;
			registry.recordOutcome(changeId, outcome);
			processes.withdraw(change, outcome);
		});
		return registry.find(changeId).orElseThrow();
	}

	/** @param replayed true when an earlier request with the same idempotency key opened the change */
	record Opened(ChangeRecord change, boolean replayed) {
	}

}
