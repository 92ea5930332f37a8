package io.changeflow.change;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * For pipelines that cannot run an external-task worker: one call reports the implementation result and, after a
 * successful deployment, the verification. RFC 7807 errors: 401 nobody, 403 not in {@code pipelines}, 404 no such
 * change, 400 every problem of the body, 409 no pipeline step open or a worker holds it.
 */
@RestController
class ImplementationResultController {

	private final ChangeInstances changes;

	private final PipelineSteps steps;

	private final CurrentUser user;

	ImplementationResultController(ChangeInstances changes, PipelineSteps steps, CurrentUser user) {
		this.changes = changes;
		this.steps = steps;
		this.user = user;
	}

	// the body is read here rather than bound, so that unknown fields and wrong types are named with the rest
	@PostMapping("/api/changes/{changeId}/implementation-result")
	PipelineSteps.Report report(@PathVariable String changeId, @RequestBody(required = false) JsonNode body) {
		String caller = user.requiredMemberOf(Roles.PIPELINES, "CI/CD pipelines report implementation results");
		List<String> instances = changes.of(changeId);
		if (instances.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No change " + changeId);
		}
		ImplementationResult result = ImplementationResult.parse(body);
		try {
			return steps.report(changeId, instances, result, caller);
		}
		catch (NoOpenPipelineStepException ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidImplementationResultException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				String.join("; ", ex.problems()));
		problem.setTitle("Invalid implementation result");
		problem.setProperty("problems", ex.problems());
		return problem;
	}

}
