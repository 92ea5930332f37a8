package io.changeflow.emergency;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.changeflow.policy.Freeze;
import io.changeflow.policy.FreezeRegistry;
import io.changeflow.policy.PolicyDecisionLog;
import io.changeflow.policy.ServiceCatalog;
import io.changeflow.security.Roles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Declares an emergency (002 §4.3 step 1) in the transaction that starts the change, so a refused declaration starts
 * nothing: who declares, what is declared, and the post-incident freeze it opens (002 §8.2).
 */
@Service
class EmergencyDeclarations {

	/** 002 §4.3: "Declare emergency (IC or Engineering Lead)". */
	static final List<String> DECLARERS = List.of(Roles.INCIDENT_COMMANDERS, Roles.CAB_ENGINEERING_LEAD);

	/** 000's emergency table. */
	static final List<String> KINDS = List.of("security-patch", "critical-bug-fix", "incident-response");

	static final String SECURITY_PATCH = "security-patch";

	// the column sizes of cf_freeze (incident, reason) and the request form's title
	private static final int TITLE_LENGTH = 200;

	private static final int INCIDENT_LENGTH = 100;

	private static final int REASON_LENGTH = 2000;

	private final IdentityService identity;

	private final ServiceCatalog catalog;

	private final FreezeRegistry freezes;

	private final PolicyDecisionLog decisions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	EmergencyDeclarations(IdentityService identity, ServiceCatalog catalog, FreezeRegistry freezes,
			PolicyDecisionLog decisions, ApplicationEventPublisher events, Clock clock) {
		this.identity = identity;
		this.catalog = catalog;
		this.freezes = freezes;
		this.decisions = decisions;
		this.events = events;
		this.clock = clock;
	}

	/** @throws EmergencyRefusedException unless a declarer declares a complete emergency */
	void declare(DelegateExecution change) {
		String declarer = declarer();
		List<String> problems = problems(change);
		if (!problems.isEmpty()) {
			throw new EmergencyRefusedException("Emergency declaration refused", problems);
		}
		String incident = text(change, "incident");
		String reason = text(change, "reason");
		String kind = text(change, "emergencyKind");
		boolean securityChange = SECURITY_PATCH.equals(kind) || Boolean.TRUE.equals(change.getVariable("securityChange"));

		// one incident, one post-incident freeze: a second emergency for it joins the first one's freeze
		var existing = freezes.postIncidentFreeze(incident);
		Freeze freeze = existing.orElseGet(() -> freezes.declarePostIncident(incident, clock.instant(), reason, declarer));

		// the engine's initiator, not whatever "requester" a client sent along
		change.setVariable("requester", declarer);
		change.setVariable("incident", incident);
		change.setVariable("relatedIncident", incident);
		change.setVariable("securityChange", securityChange);
		change.setVariable("postIncidentFreezeId", freeze.id());
		decisions.record(change, "Declare emergency", "Emergency " + kind + " declared by " + declarer + " for "
				+ incident + "; " + (existing.isPresent() ? "joins " : "opened ") + freeze.describe() + " (id "
				+ freeze.id() + "). Implemented at once: never scheduled, never held by a freeze (002 §4.3, §8.2)");
		events.publishEvent(new EmergencyDeclared((String) change.getVariable("changeId"), text(change, "title"),
				incident, kind, securityChange, text(change, "service"), text(change, "environment"), declarer,
				freeze.describe()));
	}

	// the real memberships of the identity store: the engine authorization trusts the groups the caller presented
	private String declarer() {
		var authentication = identity.getCurrentAuthentication();
		if (authentication == null || authentication.getUserId() == null) {
			throw new EmergencyRefusedException("Emergency declaration refused",
					List.of("an emergency must be declared by an authenticated user"));
		}
		String user = authentication.getUserId();
		Set<String> groups = Context.getCommandContext()
			.runWithoutAuthorization(() -> identity.createGroupQuery().groupMember(user).list())
			.stream()
			.map(Group::getId)
			.collect(Collectors.toSet());
		if (DECLARERS.stream().noneMatch(groups::contains)) {
			throw new EmergencyRefusedException("Emergency declaration refused", List.of(user
					+ " is not a member of " + String.join(" or ", DECLARERS)
					+ ": only an incident commander or the engineering lead declares an emergency (002 §4.3)"));
		}
		return user;
	}

	private List<String> problems(DelegateExecution change) {
		var problems = new ArrayList<String>();
		required(change, "title", TITLE_LENGTH, problems);
		required(change, "incident", INCIDENT_LENGTH, problems);
		required(change, "reason", REASON_LENGTH, problems);
		String kind = text(change, "emergencyKind");
		if (kind == null) {
			problems.add("emergencyKind is required (" + String.join(", ", KINDS) + ")");
		}
		else if (!KINDS.contains(kind)) {
			problems.add("emergencyKind '" + kind + "' is not one of " + String.join(", ", KINDS));
		}
		String service = text(change, "service");
		String environment = text(change, "environment");
		if (service == null) {
			problems.add("service is required");
		}
		if (environment == null) {
			problems.add("environment is required");
		}
		problems.addAll(catalog.problems(service == null ? List.of() : List.of(service),
				environment == null ? List.of() : List.of(environment)));
		return problems;
	}

	private static void required(DelegateExecution change, String variable, int maxLength, List<String> problems) {
		String value = text(change, variable);
		if (value == null) {
			problems.add(variable + " is required");
		}
		else if (value.length() > maxLength) {
			problems.add(variable + " is longer than " + maxLength + " characters");
		}
	}

	/** @return the stripped text, null when missing or blank */
	private static String text(DelegateExecution change, String variable) {
		String value = Objects.toString(change.getVariable(variable), "").strip();
		return value.isEmpty() ? null : value;
	}

}
