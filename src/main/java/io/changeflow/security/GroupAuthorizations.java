package io.changeflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Grants each role exactly what it needs, in every profile (groups come from the identity store). Tasks need no
 * grant here: the engine grants a task's candidate groups and assignee access when the task is created.
 */
@Component
class GroupAuthorizations extends AbstractProcessEnginePlugin {

	/** The change processes and the shared steps they call; tasks of all of them appear in Tasklist. */
	static final List<String> CHANGE_PROCESSES = List.of("change-standard", "change-normal", "change-emergency",
			"change-runtime-upgrade", "change-scheduling", "change-implementation", "change-closure");

	/** Who may start which change (002 §4.3: only an incident commander or the engineering lead declares an emergency). */
	static final Map<String, List<String>> STARTERS = Map.of(Roles.REQUESTERS,
			List.of("change-standard", "change-normal", "change-runtime-upgrade"), Roles.INCIDENT_COMMANDERS,
			List.of("change-emergency"), Roles.CAB_ENGINEERING_LEAD, List.of("change-emergency"));

	/** The processes whose external tasks CI/CD workers fetch and complete. */
	static final List<String> WORKER_PROCESSES = List.of("change-implementation", "change-runtime-upgrade");

	/** What Cockpit shows: definitions, running and finished instances, incidents, decisions, deployments, tasks. */
	static final Map<Resource, List<Permission>> OPERATIONS_READ = Map.of(Resources.PROCESS_DEFINITION,
			List.of(Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
					ProcessDefinitionPermissions.READ_TASK),
			Resources.PROCESS_INSTANCE, List.of(Permissions.READ), Resources.DECISION_DEFINITION,
			List.of(Permissions.READ, Permissions.READ_HISTORY), Resources.DECISION_REQUIREMENTS_DEFINITION,
			List.of(Permissions.READ), Resources.DEPLOYMENT, List.of(Permissions.READ), Resources.TASK,
			List.of(Permissions.READ), Resources.BATCH, List.of(Permissions.READ, Permissions.READ_HISTORY));

	private final SecurityProperties properties;

	GroupAuthorizations(SecurityProperties properties) {
		this.properties = properties;
	}

	// right after the engine is built, before the web server accepts a request
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		var authorizations = engine.getAuthorizationService();
		// the engine's admin groups only pass administrative checks; resource access comes from global grants
		for (Resources resource : Resources.values()) {
			grant(authorizations, properties.adminGroup(), resource, "*", Permissions.ALL);
		}
		for (String group : Roles.ALL) {
			grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
			// the "All tasks" filter; its query still returns only the tasks a user may read
			grant(authorizations, group, Resources.FILTER, "*", Permissions.READ);
			// task lists show which process a task belongs to
			CHANGE_PROCESSES.forEach(
					process -> grant(authorizations, group, Resources.PROCESS_DEFINITION, process, Permissions.READ));
		}
		// operations watch changes and incidents in Cockpit, and change nothing: no UPDATE, DELETE or task work
		grant(authorizations, Roles.OPERATIONS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		OPERATIONS_READ.forEach((resource, permissions) -> grant(authorizations, Roles.OPERATIONS, resource, "*",
				permissions.toArray(Permission[]::new)));
		// change managers review the change metrics reports (Review change metrics)
		grant(authorizations, Roles.CHANGE_MANAGERS, Resources.PROCESS_DEFINITION, "change-report", Permissions.READ);
		STARTERS.forEach((group, processes) -> {
			processes.forEach(process -> grant(authorizations, group, Resources.PROCESS_DEFINITION, process,
					Permissions.READ, Permissions.CREATE_INSTANCE));
			grant(authorizations, group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
		});
		// Camunda 7.24: fetchAndLock needs READ_INSTANCE and UPDATE_INSTANCE, lock, complete and handleFailure
		// UPDATE_INSTANCE; nothing else, so a worker neither starts changes nor works on their human tasks
		WORKER_PROCESSES.forEach(process -> grant(authorizations, Roles.PIPELINES, Resources.PROCESS_DEFINITION,
				process, Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE));
	}

	private static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId, Permission... permissions) {
		var existing = authorizations.createAuthorizationQuery()
			.authorizationType(AUTH_TYPE_GRANT)
			.groupIdIn(group)
			.resourceType(resource)
			.resourceId(resourceId)
			.singleResult();
		var authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
		authorization.setGroupId(group);
		authorization.setResource(resource);
		authorization.setResourceId(resourceId);
		for (Permission permission : permissions) {
			authorization.addPermission(permission);
		}
		authorizations.saveAuthorization(authorization);
	}

}
