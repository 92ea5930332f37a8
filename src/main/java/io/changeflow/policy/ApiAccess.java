package io.changeflow.policy;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import org.springframework.stereotype.Component;

/** Who may call the policy API: everyone authenticated reads, change managers decide on freezes. */
@Component
class ApiAccess {

	private final CurrentUser user;

	ApiAccess(CurrentUser user) {
		this.user = user;
	}

	/** @return the caller's user id; 401 problem when nobody is authenticated */
	String authenticated() {
		return this.user.required();
	}

	/** @return the caller's user id; 401 or 403 problem unless a change manager calls */
	String changeManager() {
		return this.user.requiredMemberOf(Roles.CHANGE_MANAGERS, "change managers declare and end freezes");
	}

}
