package io.changeflow.emergency;

import java.util.List;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The action log over HTTP, for implementers who document from a terminal during the work. Errors are RFC 7807
 * problems: 401 nobody, 404 no such emergency, 403 not an implementer, incident commander or the declarer,
 * 400 blank or too long, 409 the emergency is past its implementation.
 */
@RestController
@RequestMapping("/api/changes/{changeId}/actions")
class ActionLogController {

	/** Who documents besides the declarer (002 §4.3 step 3). */
	static final List<String> WRITERS = List.of(Roles.IMPLEMENTERS, Roles.INCIDENT_COMMANDERS);

	private final ActionLog log;

	private final CurrentUser user;

	ActionLogController(ActionLog log, CurrentUser user) {
		this.log = log;
		this.user = user;
	}

	@GetMapping
	List<ActionLogEntry> list(@PathVariable String changeId) {
		user.required();
		return log.list(emergency(changeId).changeId());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ActionLogEntry append(@PathVariable String changeId, @RequestBody(required = false) NewEntry body) {
		String author = user.required();
		EmergencyRun emergency = emergency(changeId);
		if (!author.equals(emergency.requester()) && WRITERS.stream().noneMatch(user::isMemberOf)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, author + " is not a member of "
					+ String.join(" or ", WRITERS) + " nor the declarer of " + changeId + ": cannot document its actions");
		}
		try {
			return log.append(emergency, author, body == null ? null : body.entry());
		}
		catch (InvalidActionEntryException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		catch (ActionLogClosedException ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	private EmergencyRun emergency(String changeId) {
		return log.find(changeId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No emergency change " + changeId));
	}

	record NewEntry(String entry) {
	}

}
