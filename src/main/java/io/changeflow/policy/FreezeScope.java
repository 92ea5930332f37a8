package io.changeflow.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The services and environments a freeze applies to; an empty set means all of them. Sorted, so descriptions read
 * the same every time.
 */
public record FreezeScope(Set<String> services, Set<String> environments) {

	/** Every service in every environment. */
	public static final FreezeScope ALL = new FreezeScope(Set.of(), Set.of());

	public FreezeScope {
		services = sorted(services);
		environments = sorted(environments);
	}

	public boolean isAll() {
		return this.services.isEmpty() && this.environments.isEmpty();
	}

	/** A change that names no service or environment may touch any, so it is inside every scope. */
	boolean covers(String service, String environment) {
		return covers(this.services, service) && covers(this.environments, environment);
	}

	boolean overlaps(FreezeScope other) {
		return intersect(this.services, other.services) && intersect(this.environments, other.environments);
	}

	/** E.g. "payments-api/production", "all services/staging, testnet". */
	public String describe() {
		return (this.services.isEmpty() ? "all services" : String.join(", ", this.services)) + "/"
				+ (this.environments.isEmpty() ? "all environments" : String.join(", ", this.environments));
	}

	private static boolean covers(Set<String> names, String name) {
		return names.isEmpty() || name == null || names.contains(name);
	}

	private static boolean intersect(Set<String> left, Set<String> right) {
		return left.isEmpty() || right.isEmpty() || !Collections.disjoint(left, right);
	}

	private static Set<String> sorted(Collection<String> names) {
		return (names != null) ? Collections.unmodifiableSortedSet(new TreeSet<>(names)) : Set.of();
	}

}
