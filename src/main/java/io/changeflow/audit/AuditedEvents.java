package io.changeflow.audit;

import io.changeflow.change.ChangePhaseChanged;
import io.changeflow.change.ChangeExpired;
import io.changeflow.change.ChangeScheduled;
import io.changeflow.change.GateChanged;
import io.changeflow.change.StandardTypeDemoted;
import io.changeflow.change.StandardTypeReapproved;
import io.changeflow.emergency.EmergencyDeclared;
import io.changeflow.policy.FreezeDeclared;
import io.changeflow.policy.PolicyDecided;
import io.changeflow.security.DutyRefused;
import io.changeflow.upgrade.RuntimeUpgradeEnacted;
import io.changeflow.upgrade.RuntimeUpgradeVoteDecided;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The facts other modules announce, written to the trail of the change (or freeze, or standard type) they concern.
 * Listeners run synchronously in the publisher's transaction, so the row commits with the decision it records;
 * except refusals, whose step rolls back: they are written afterwards, in a transaction of their own.
 */
@Component
class AuditedEvents {

	/** The trail of refusals that concern no known change, e.g. a start refused before the change got its id. */
	static final String SECURITY = "SECURITY";

	private final AuditTrail trail;

	private final IdentityService identity;

	private final TransactionTemplate ownTransaction;

	AuditedEvents(AuditTrail trail, IdentityService identity, PlatformTransactionManager transactions) {
		this.trail = trail;
		this.identity = identity;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The first phase, requested, is the change.requested row that the engine writes with the request itself. */
	@EventListener
	void phaseChanged(ChangePhaseChanged event) {
		if (event.previous() != null) {
			append(event.changeId(), "phase.changed", "from", event.previous().value(), "to", event.phase().value(),
					"category", event.category(), "outcome", event.outcome());
		}
	}

	/** What the deployment gate told pipelines: a deployment log. */
	@EventListener
	void gateChanged(GateChanged event) {
		trail.append(new AuditRecord(event.changeId(), RetentionClass.DEPLOYMENT, "gate.changed", actor(), null, null,
				null, null, AuditRecord.details("environment", event.environment(), "state", event.state().value(), "reason",
						event.reason(), "until", event.until())));
	}

	@EventListener
	void scheduled(ChangeScheduled event) {
		append(event.changeId(), event.rescheduled() ? "slot.rescheduled" : "slot.booked", "start", event.start(),
				"end", event.end(), "window", event.window(), "reasons", event.reasons(), "previousStart",
				event.previousStart());
	}

	@EventListener
	void expired(ChangeExpired event) {
		append(event.changeId(), "change.expired", "step", event.step());
	}

	@EventListener
	void policyDecided(PolicyDecided event) {
		if (event.changeId() != null) {
			append(event.changeId(), "policy.decided", "gate", event.gate(), "decision", event.decision());
		}
	}

	@EventListener
	void emergencyDeclared(EmergencyDeclared event) {
		append(event.changeId(), "emergency.declared", "incident", event.incident(), "kind", event.emergencyKind(),
				"securityChange", event.securityChange(), "declaredBy", event.declaredBy(), "freeze", event.freeze());
	}

	@EventListener
	void voteDecided(RuntimeUpgradeVoteDecided event) {
		append(event.changeId(), "vote.decided", "outcome", event.outcome(), "ayes", event.ayes(), "nays",
				event.nays(), "validators", event.validators(), "wasmHash", event.wasmHash());
	}

	@EventListener
	void enacted(RuntimeUpgradeEnacted event) {
		append(event.changeId(), "upgrade.enacted", "specName", event.specName(), "specVersion",
				event.specVersion(), "wasmHash", event.wasmHash(), "enactedAt", event.enactedAt());
	}

	/** A freeze has a trail of its own, named after it. */
	@EventListener
	void freezeDeclared(FreezeDeclared event) {
		var freeze = event.freeze();
		append("FREEZE-" + freeze.id(), "freeze.declared", "kind", freeze.kind().name(), "name", freeze.name(),
				"start", freeze.start(), "end", freeze.end(), "reason", freeze.reason(), "scope",
				freeze.scope().describe(), "incident", freeze.incident());
	}

	@EventListener
	void standardTypeDemoted(StandardTypeDemoted event) {
		append("STANDARD-TYPE-" + event.type(), "standard-type.demoted", "reason", event.reason(), "failedChanges",
				event.failedChanges());
	}

	@EventListener
	void standardTypeReapproved(StandardTypeReapproved event) {
		append("STANDARD-TYPE-" + event.type(), "standard-type.reapproved", "by", event.by(), "reason",
				event.reason());
	}

	/** After the refused step rolled back (or at once, outside a transaction), so the refusal outlives it. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
	void dutyRefused(DutyRefused event) {
		ownTransaction.executeWithoutResult(status -> trail.append(AuditRecord.of(
				(event.changeId() != null) ? event.changeId() : SECURITY, "duty.refused", event.actor(),
				AuditRecord.details("action", event.action(), "reason", event.reason()))));
	}

	private void append(String subject, String type, Object... namesAndValues) {
		trail.append(AuditRecord.of(subject, type, actor(), AuditRecord.details(namesAndValues)));
	}

	private String actor() {
		var authentication = identity.getCurrentAuthentication();
		return (authentication != null) ? authentication.getUserId() : null;
	}

}
