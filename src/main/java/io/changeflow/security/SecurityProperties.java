package io.changeflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminGroup members of this group are Camunda administrators (Cockpit, Admin, every resource)
 */
@ConfigurationProperties("changeflow.security")
record SecurityProperties(String adminGroup) {

	SecurityProperties {
		if (adminGroup == null || adminGroup.isBlank()) {
			adminGroup = Roles.CHANGE_MANAGERS;
		}
	}

}
