package io.changeflow.policy;

import java.util.Objects;
import java.util.Set;

/**
 * The facts about a change that freezes decide on. {@code category} is "standard",
 * "normal", "emergency" or "runtime-upgrade".
 */
public record ChangeContext(String category, Set<String> relatedIncidents) {

	public ChangeContext {
		Objects.requireNonNull(category, "category");
		// most changes reference no incident; callers need not build an empty set
		relatedIncidents = (relatedIncidents != null) ? Set.copyOf(relatedIncidents) : Set.of();
	}

	public static ChangeContext of(String category) {
		return new ChangeContext(category, Set.of());
	}

	boolean isEmergency() {
		return "emergency".equalsIgnoreCase(this.category);
	}

}
