package io.changeflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changeflow.security.admin.*}, in production from {@code CHANGEFLOW_ADMIN_USER} and
 * {@code CHANGEFLOW_ADMIN_PASSWORD} (application-prod.yaml). A password that breaks a rule of {@link AdminPassword}
 * fails startup while the configuration is bound, before the engine starts.
 * @param user the administrator's user id
 * @param password the administrator's password, applied at every start
 */
@ConfigurationProperties("changeflow.security.admin")
record AdminProperties(@DefaultValue("admin") String user, String password) {

	AdminProperties {
		AdminPassword.check(user, password);
	}

	// configuration may be logged or shown in a startup failure; the password never is
	@Override
	public String toString() {
		return "AdminProperties[user=" + user + "]";
	}

}
