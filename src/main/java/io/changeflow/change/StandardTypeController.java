package io.changeflow.change;

import java.util.List;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The standard change types and their standing: everyone authenticated reads, change managers re-approve. */
@RestController
class StandardTypeController {

	private final StandardTypes types;

	private final CurrentUser user;

	StandardTypeController(StandardTypes types, CurrentUser user) {
		this.types = types;
		this.user = user;
	}

	@GetMapping("/api/standard-types")
	List<StandardTypes.Status> list() {
		user.required();
		return types.list();
	}

	@GetMapping("/api/standard-types/{type}")
	StandardTypes.Status get(@PathVariable String type) {
		user.required();
		return types.get(type);
	}

	@PostMapping("/api/standard-types/{type}/reapprove")
	StandardTypes.Status reapprove(@PathVariable String type, @RequestBody(required = false) Reapproval body) {
		String userId = user.requiredMemberOf(Roles.CHANGE_MANAGERS, "change managers re-approve standard change types");
		return types.reapprove(type, userId, (body != null) ? body.reason() : null);
	}

	/** @param reason why the type may be pre-approved again, e.g. the fix of what made it fail */
	record Reapproval(String reason) {
	}

}
