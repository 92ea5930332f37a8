package io.changeflow.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;

/**
 * Compares a password with the hash the engine's identity store keeps. Unlike {@code IdentityService.checkPassword}
 * this is no login: a mismatch neither counts as a failed attempt nor delays or locks the user.
 */
public final class StoredPasswords {

	private StoredPasswords() {
	}

	/** @return whether {@code userId} exists in the engine's own identity store and has this password */
	public static boolean matches(ProcessEngine engine, String userId, String password) {
		var user = (UserEntity) engine.getIdentityService().createUserQuery().userId(userId).singleResult();
		if (user == null || user.getPassword() == null) {
			return false;
		}
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		// salted and compared as the engine's own login does (DbReadOnlyIdentityServiceProvider.matchPassword)
		return configuration.getPasswordManager()
			.check(EncryptionUtil.saltPassword(password, user.getSalt()), user.getPassword());
	}

}
