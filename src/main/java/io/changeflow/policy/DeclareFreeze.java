package io.changeflow.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A major-event freeze to declare (002 §8.2 "as declared"): no change but emergencies runs in scope from
 * {@code start} until {@code end} (exclusive). Empty or null services / environments mean all of them.
 */
public record DeclareFreeze(String name, String reason, Instant start, Instant end, Set<String> services,
		Set<String> environments) {

	public DeclareFreeze {
		services = copy(services);
		environments = copy(environments);
	}

	// keeps null and blank names, so validation can name them instead of failing here
	private static Set<String> copy(Collection<String> names) {
		return (names != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(names)) : Set.of();
	}

}
