package io.changeflow.change;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeflow.approval.ApprovalProgress;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A change as the API shows it. {@code approvals} and {@code requiredApprovals} are only filled for a single change;
 * lists leave them out rather than reading every change's variables.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChangeView(String id, String category, String title, String requester, String service, String environment,
		String artifact, String implementation, ChangePhase phase, String outcome, Boolean successful,
		List<ApprovalProgress.Decision> approvals, List<String> requiredApprovals, Slot slot, Gate gate,
		Instant createdAt, Instant updatedAt, Instant closedAt, Links links) {

	static ChangeView of(ChangeRecord change, ApprovalProgress.Progress progress, UriComponentsBuilder base) {
		return new ChangeView(change.changeId(), change.category(), change.title(), change.requester(),
				change.service(), change.environment(), change.artifact(), change.implementation(), change.phase(),
				change.outcome(), change.successful(), (progress != null) ? progress.decisions() : null,
				(progress != null) ? progress.required() : null,
				(change.slotStart() != null) ? new Slot(change.slotStart(), change.slotEnd()) : null,
				(change.gateState() != null) ? new Gate(change.gateState(), change.gateReason()) : null,
				change.createdAt(), change.updatedAt(), change.closedAt(), Links.of(change, base));
	}

	/** @param end null for a runtime upgrade: it is enacted at a block, not in a window */
	record Slot(Instant start, Instant end) {
	}

	/** The gate for the change's own environment and approved artifact, as last decided. */
	record Gate(GateState state, String reason) {
	}

	/** Where to look further: the API, and the change in Tasklist (its open tasks) and Cockpit (its process). */
	record Links(URI self, URI gate, URI tasklist, URI cockpit) {

		static Links of(ChangeRecord change, UriComponentsBuilder base) {
			String tasks = "[{\"type\":\"processVariables\",\"operator\":\"eq\",\"name\":\"changeId\",\"value\":\""
					+ change.changeId() + "\"}]";
			return new Links(base.cloneBuilder().path("/api/changes/{id}").build(change.changeId()),
					base.cloneBuilder().path("/api/changes/{id}/gate").build(change.changeId()),
					URI.create(base.cloneBuilder().path("/camunda/app/tasklist/default/").build().toUriString()
							+ "#/?searchQuery=" + URLEncoder.encode(tasks, StandardCharsets.UTF_8)),
					URI.create(base.cloneBuilder().path("/camunda/app/cockpit/default/").build().toUriString()
							+ "#/process-instance/" + change.processInstanceId() + "/runtime"));
		}

	}

}
