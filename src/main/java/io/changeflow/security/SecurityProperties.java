package io.changeflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminGroup members of this group are Camunda administrators (Cockpit, Admin, every resource)
 * @param separateImplementerAndVerifier whether whoever implemented a change may not verify it (default true)
 */
@ConfigurationProperties("changeflow.security")
record SecurityProperties(String adminGroup, Boolean separateImplementerAndVerifier) {

	SecurityProperties {
		if (adminGroup == null || adminGroup.isBlank()) {
			adminGroup = Roles.CHANGE_MANAGERS;
		}
		if (separateImplementerAndVerifier == null) {
			separateImplementerAndVerifier = true;
		}
	}

}
