package io.changeflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The production administrator, from the environment ({@link AdminProperties}): created when missing, a member of
 * the admin group and of {@code camunda-admin} (while that group has no member the webapps offer an open "create
 * first admin" page), and given the configured password at every start, so a rotated secret applies on restart.
 */
@Component
@Profile("prod")
@EnableConfigurationProperties(AdminProperties.class)
class AdminAccount extends AbstractProcessEnginePlugin {

	private final AdminProperties admin;

	private final SecurityProperties security;

	AdminAccount(AdminProperties admin, SecurityProperties security) {
		this.admin = admin;
		this.security = security;
	}

	// right after the engine is built, before the web server accepts a login
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		IdentityService identity = engine.getIdentityService();
		String userId = this.admin.user();
		var user = identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			user = identity.newUser(userId);
			user.setFirstName("Administrator");
			user.setPassword(this.admin.password());
			identity.saveUser(user);
		}
		else if (!StoredPasswords.matches(engine, userId, this.admin.password())) {
			user.setPassword(this.admin.password());
			identity.saveUser(user);
		}
		member(identity, userId, this.security.adminGroup(), "WORKFLOW");
		member(identity, userId, Groups.CAMUNDA_ADMIN, Groups.GROUP_TYPE_SYSTEM);
	}

	private static void member(IdentityService identity, String userId, String group, String type) {
		if (identity.createGroupQuery().groupId(group).count() == 0) {
			var entity = identity.newGroup(group);
			entity.setName(group);
			entity.setType(type);
			identity.saveGroup(entity);
		}
		if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
			identity.createMembership(userId, group);
		}
	}

}
