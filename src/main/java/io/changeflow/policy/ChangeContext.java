package io.changeflow.policy;

import java.util.Objects;
import java.util.Set;

/**
 * The facts about a change that freezes and bookings decide on. {@code category} is "standard", "normal", "emergency"
 * or "runtime-upgrade"; {@code changeId}, {@code service} and {@code environment} are null when not (yet) known.
 */
public record ChangeContext(String category, String changeId, String service, String environment,
		Set<String> relatedIncidents) {

	public ChangeContext {
		Objects.requireNonNull(category, "category");
		// most changes reference no incident; callers need not build an empty set
		relatedIncidents = (relatedIncidents != null) ? Set.copyOf(relatedIncidents) : Set.of();
	}

	/** A change of which nothing but the category is known: every freeze scope and every booking concerns it. */
	public static ChangeContext of(String category) {
		return new ChangeContext(category, null, null, null, Set.of());
	}

	boolean isEmergency() {
		return "emergency".equalsIgnoreCase(this.category);
	}

}
