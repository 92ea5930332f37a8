package io.changeflow.security;

import java.util.List;

/** The groups changeflow's processes and authorizations refer to. Identity stores (demo, LDAP) provide members. */
public final class Roles {

	public static final String CHANGE_MANAGERS = "change-managers";
	public static final String REQUESTERS = "requesters";
	public static final String REVIEWERS = "reviewers";
	public static final String SECURITY_TEAM = "security-team";
	public static final String ARCHITECTURE_TEAM = "architecture-team";
	public static final String DEVOPS_TEAM = "devops-team";
	public static final String IMPLEMENTERS = "implementers";
	public static final String CAB_ENGINEERING_LEAD = "cab-engineering-lead";
	public static final String CAB_SECURITY = "cab-security";
	public static final String CAB_OPERATIONS = "cab-operations";
	public static final String INCIDENT_COMMANDERS = "incident-commanders";
	public static final String VALIDATORS = "validators";

	/** CI/CD workers: fetch and complete the pipelines' and chain tooling's external tasks; no Tasklist group. */
	public static final String PIPELINES = "pipelines";

	/** Operations watch running changes and incidents: read-only Cockpit and the Prometheus scrape. */
	public static final String OPERATIONS = "operations";

	/** Auditors read every change's audit trail, its verification and the evidence export; they change nothing. */
	public static final String AUDITORS = "auditors";

	/** Who reads audit trails, their verification and the evidence export. */
	public static final List<String> AUDIT_READERS = List.of(CHANGE_MANAGERS, AUDITORS);

	/** Every group that works in Tasklist. */
	public static final List<String> ALL = List.of(CHANGE_MANAGERS, REQUESTERS, REVIEWERS, SECURITY_TEAM,
			ARCHITECTURE_TEAM, DEVOPS_TEAM, IMPLEMENTERS, CAB_ENGINEERING_LEAD, CAB_SECURITY, CAB_OPERATIONS,
			INCIDENT_COMMANDERS, VALIDATORS);

	private Roles() {
	}

}
