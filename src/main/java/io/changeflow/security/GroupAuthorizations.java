package io.changeflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
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

	static final String NORMAL_CHANGE = "change-normal";

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
			grant(authorizations, group, Resources.PROCESS_DEFINITION, NORMAL_CHANGE, Permissions.READ);
		}
		grant(authorizations, Roles.REQUESTERS, Resources.PROCESS_DEFINITION, NORMAL_CHANGE, Permissions.READ,
				Permissions.CREATE_INSTANCE);
		grant(authorizations, Roles.REQUESTERS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
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
