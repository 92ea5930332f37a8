package io.changeflow.policy;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** Who may call the policy API: everyone authenticated reads, change managers decide on freezes. */
@Component
class ApiAccess {

	private final CurrentUser user;

	ApiAccess(CurrentUser user) {
		this.user = user;
	}

	/** @return the caller's user id; 401 problem when nobody is authenticated */
	String authenticated() {
		return this.user.userId()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Authentication required"));
	}

	/** @return the caller's user id; 401 or 403 problem unless a change manager calls */
	String changeManager() {
		String userId = authenticated();
		if (!this.user.isMemberOf(Roles.CHANGE_MANAGERS)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, userId + " is not a member of "
					+ Roles.CHANGE_MANAGERS + ": only change managers declare and end freezes");
		}
		return userId;
	}

}
