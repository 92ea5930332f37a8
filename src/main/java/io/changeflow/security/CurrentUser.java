package io.changeflow.security;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

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

	/** For /api controllers: @return the caller's user id; a 401 problem when nobody is authenticated */
	public String required() {
		return userId()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Authentication required"));
	}

	/**
	 * For /api controllers: @return the caller's user id; a 401 problem when nobody is authenticated, a 403 problem
	 * naming the rule unless the caller is a member of {@code group}
	 * @param who completes "only … ", e.g. "change managers declare and end freezes"
	 */
	public String requiredMemberOf(String group, String who) {
		return requiredMemberOfAny(List.of(group), who);
	}

	/** Like {@link #requiredMemberOf} for a rule that several groups satisfy. */
	public String requiredMemberOfAny(List<String> groups, String who) {
		String user = required();
		if (groups.stream().noneMatch(this::isMemberOf)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					user + " is not a member of " + String.join(" or ", groups) + ": only " + who);
		}
		return user;
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
