package io.changeflow.audit;

import java.time.Period;

/**
 * How long an audit chain is kept (000 "Retention"): change requests, approvals and rollback events 3 years, deployment
 * logs (what pipelines and the deployment gate said) 1 year. Each class of a change is a chain of its own, so a purge
 * removes whole chains and never breaks one.
 */
enum RetentionClass {

	RECORDS("records", "", Period.ofYears(3)), DEPLOYMENT("deployment", "/deployment", Period.ofYears(1));

	final String value;

	private final String suffix;

	final Period keep;

	RetentionClass(String value, String suffix, Period keep) {
		this.value = value;
		this.suffix = suffix;
		this.keep = keep;
	}

	String chainOf(String changeId) {
		return changeId + this.suffix;
	}

	static RetentionClass of(String value) {
		for (RetentionClass retention : values()) {
			if (retention.value.equals(value)) {
				return retention;
			}
		}
		throw new IllegalArgumentException("Unknown retention class '" + value + "'");
	}

}
