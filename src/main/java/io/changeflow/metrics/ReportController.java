package io.changeflow.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/reports}: the change reports, each readable by its audience (002 §10.2: the weekly summary by
 * engineering, the monthly metrics and the quarterly review by leadership), change managers and auditors.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

	private static final int PAGE_SIZE = 20;

	private final ChangeReports reports;

	private final CurrentUser caller;

	ReportController(ChangeReports reports, CurrentUser caller) {
		this.reports = reports;
		this.caller = caller;
	}

	@Operation(summary = "The change reports the caller may read, newest period first, 20 per page")
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	List<ReportListing> list(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "0") int page) {
		caller.required();
		ReportKind wanted;
		try {
			wanted = (kind != null) ? ReportKind.parse(kind) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		if (page < 0 || page > 10_000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be a whole number from 0 to 10000");
		}
		return reports.list(wanted, page * PAGE_SIZE, PAGE_SIZE)
			.stream()
			.filter(this::mayRead)
			.map(ReportListing::of)
			.toList();
	}

	@Operation(summary = "One change report as the HTML its readers were sent")
	@GetMapping(path = "/{id}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> report(@PathVariable String id) {
		String user = caller.required();
		Report report = reports.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report " + id));
		if (!mayRead(report)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, user + " is not in the audience of " + id
					+ ": only " + String.join(", ", report.kind().audience) + " and auditors read it");
		}
		// the report is data: it may style itself but never run a script or load anything
		return ResponseEntity.ok()
			.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(report.html());
	}

	private boolean mayRead(Report report) {
		return caller.isMemberOf(Roles.AUDITORS) || report.kind().audience.stream().anyMatch(caller::isMemberOf);
	}

	/** A report without its HTML; {@code href} serves it. */
	record ReportListing(String id, String kind, Instant from, Instant to, String title,
			List<String> missedTargets, Instant createdAt, String href) {

		static ReportListing of(Report report) {
			return new ReportListing(report.id(), report.kind().value, report.from(), report.to(), report.title(),
					report.breached(), report.createdAt(), report.href());
		}

	}

}
