package io.changeflow.audit;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/audit/verify}: whether the trail is as written, for change managers and auditors. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	static final String WHO = "change managers and auditors read the audit trail";

	private final AuditVerifier verifier;

	private final CurrentUser caller;

	private final AuditTrail trail;

	AuditController(AuditVerifier verifier, CurrentUser caller, AuditTrail trail) {
		this.verifier = verifier;
		this.caller = caller;
		this.trail = trail;
	}

	@Operation(summary = "Recompute the audit chains (one change's, or all) and name the first broken link")
	@GetMapping("/verify")
	AuditVerifier.Verification verify(@RequestParam(required = false) String changeId) {
		caller.requiredMemberOfAny(Roles.AUDIT_READERS, WHO);
		if (changeId != null && !trail.knows(changeId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No audit trail for " + changeId);
		}
		return verifier.verify(changeId);
	}

}
