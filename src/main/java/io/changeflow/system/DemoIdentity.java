package io.changeflow.system;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.changeflow.security.Roles;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Demo users for the local run (password = user id). Idempotent: a restart keeps what exists. */
@Component
@Profile("demo")
class DemoIdentity extends AbstractProcessEnginePlugin {

	static final Map<String, List<String>> USERS = users();

	private static Map<String, List<String>> users() {
		var users = new LinkedHashMap<String, List<String>>();
		// the webapps offer an open "create first admin" page while camunda-admin has no member
		users.put("demo", List.of(Roles.CHANGE_MANAGERS, Groups.CAMUNDA_ADMIN));
		users.put("alice", List.of(Roles.REQUESTERS));
		users.put("bob", List.of(Roles.REQUESTERS));
		users.put("carol", List.of(Roles.REVIEWERS));
		users.put("dave", List.of(Roles.REVIEWERS));
		users.put("erin", List.of(Roles.REVIEWERS, Roles.SECURITY_TEAM));
		users.put("frank", List.of(Roles.SECURITY_TEAM));
		users.put("grace", List.of(Roles.ARCHITECTURE_TEAM));
		users.put("heidi", List.of(Roles.DEVOPS_TEAM, Roles.IMPLEMENTERS));
		users.put("leo", List.of(Roles.IMPLEMENTERS));
		users.put("ivan", List.of(Roles.CAB_ENGINEERING_LEAD, Roles.INCIDENT_COMMANDERS));
		users.put("judy", List.of(Roles.CAB_SECURITY));
		users.put("ken", List.of(Roles.CAB_OPERATIONS));
		users.put("olivia", List.of(Roles.INCIDENT_COMMANDERS));
		users.put("audrey", List.of(Roles.AUDITORS));
		users.put("oscar", List.of(Roles.OPERATIONS));
		// the CI/CD pipeline: requests changes (tooling) and reports their implementation
		users.put("ci-bot", List.of(Roles.REQUESTERS, Roles.PIPELINES));
		for (String validator : List.of("victor", "wendy", "xavier", "yvonne")) {
			users.put(validator, List.of(Roles.VALIDATORS));
		}
		return Map.copyOf(users);
	}

	// right after the engine is built, before the web server accepts a login
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		IdentityService identity = engine.getIdentityService();
		var groups = new LinkedHashSet<>(Roles.ALL);
		USERS.values().forEach(groups::addAll);
		for (String group : groups) {
			if (identity.createGroupQuery().groupId(group).count() == 0) {
				var entity = identity.newGroup(group);
				entity.setName(displayName(group));
				entity.setType("WORKFLOW");
				identity.saveGroup(entity);
			}
		}
		USERS.forEach((user, memberships) -> {
			if (identity.createUserQuery().userId(user).count() == 0) {
				var entity = identity.newUser(user);
				entity.setFirstName(Character.toUpperCase(user.charAt(0)) + user.substring(1));
				entity.setLastName("Demo");
				entity.setEmail(user + "@changeflow.example");
				entity.setPassword(defaultPassword(user));
				identity.saveUser(entity);
			}
			// per membership, so a database from an older demo set gains the memberships added since
			memberships.stream()
				.filter(group -> identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0)
				.forEach(group -> identity.createMembership(user, group));
		});
	}

	/** A demo user's password until someone changes it: its user id. */
	static String defaultPassword(String user) {
		return user;
	}

	private static String displayName(String group) {
		var name = group.replace('-', ' ');
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

}
