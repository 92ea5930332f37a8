package io.changeflow.security;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who acts in this request or engine command: the engine's current authentication, set by whatever authenticated
 * the caller. Lets other modules ask without touching the engine's identity API.
 */
@Component
public class CurrentUser {

	private final IdentityService identity;

	CurrentUser(IdentityService identity) {
		this.identity = identity;
	}

	/** @return empty when nobody is authenticated */
	public Optional<String> userId() {
		return Optional.ofNullable(this.identity.getCurrentAuthentication()).map(Authentication::getUserId);
	}

	public boolean isMemberOf(String group) {
		return groups().contains(group);
	}

	/** @return the caller's groups; empty when nobody is authenticated */
	public List<String> groups() {
		Authentication authentication = this.identity.getCurrentAuthentication();
		return (authentication != null && authentication.getGroupIds() != null)
				? List.copyOf(authentication.getGroupIds()) : List.of();
	}

}
