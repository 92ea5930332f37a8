package io.changeflow.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/** The services and environments changes and freezes may name ({@code changeflow.policy.services / environments}). */
public class ServiceCatalog {

	// names are stored comma-separated and shown in paths like "heliosdb-lite/production"
	private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

	private final List<String> services;

	private final List<String> environments;

	public ServiceCatalog(List<String> services, List<String> environments) {
		this.services = checked("services", services);
		this.environments = checked("environments", environments);
	}

	public List<String> services() {
		return this.services;
	}

	public List<String> environments() {
		return this.environments;
	}

	/** @return one problem per blank or unknown name, naming the allowed ones; empty when all are known */
	public List<String> problems(Collection<String> services, Collection<String> environments) {
		List<String> problems = new ArrayList<>();
		check("service", services, this.services, problems);
		check("environment", environments, this.environments, problems);
		return problems;
	}

	private static void check(String kind, Collection<String> names, List<String> known, List<String> problems) {
		for (String name : names) {
			if (name == null || name.isBlank()) {
				problems.add("a " + kind + " name is blank");
			}
			else if (!known.contains(name)) {
				problems.add("unknown " + kind + " '" + name + "'; known: " + String.join(", ", known));
			}
		}
	}

	private static List<String> checked(String key, List<String> names) {
		if (names == null || names.isEmpty()) {
			throw new IllegalArgumentException("changeflow.policy." + key + " must name at least one");
		}
		if (new HashSet<>(names).size() != names.size()) {
			throw new IllegalArgumentException("changeflow.policy." + key + " names one twice: " + names);
		}
		for (String name : names) {
			if (name == null || !name.matches(NAME)) {
				throw new IllegalArgumentException("changeflow.policy." + key + ": '" + name
						+ "' is not a name (letters, digits, '.', '_', '-'; starting with a letter or digit)");
			}
		}
		return List.copyOf(names);
	}

}
