package io.changeflow.audit;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.audit.ReportingPeriod.FieldError;
import io.changeflow.audit.ReportingPeriod.InvalidParametersException;
import io.changeflow.security.CurrentUser;
import io.changeflow.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Audit evidence over HTTP (000 "Audit Trail", SOC 2 CC8): a change's change log, and the evidence export of a period
 * as JSON Lines or CSV. Both are computed from the audit trail alone. Errors are RFC 7807 problems.
 */
@RestController
class EvidenceController {

	static final String WHO = "change managers and auditors export audit evidence";

	static final List<String> FORMATS = List.of("jsonl", "csv");

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final AuditEvidence evidence;

	private final CurrentUser user;

	private final ObjectMapper json;

	private final Clock clock;

	EvidenceController(AuditEvidence evidence, CurrentUser user, ObjectMapper json, Clock clock) {
		this.evidence = evidence;
		this.user = user;
		this.json = json;
		this.clock = clock;
	}

	@Operation(summary = "A change in the policy's change log format (000 \"Change Log Format\"), from its audit trail",
			description = "Readable by change managers, auditors and the change's requester; anyone else gets 403"
					+ " whether or not the change exists.")
	@GetMapping(path = "/api/changes/{changeId}/change-log", produces = MediaType.APPLICATION_JSON_VALUE)
	ChangeLog changeLog(@PathVariable String changeId) {
		String caller = user.required();
		boolean reader = Roles.AUDIT_READERS.stream().anyMatch(user::isMemberOf);
		var change = evidence.change(changeId);
		if (!reader && (change.isEmpty() || !caller.equals(change.get().requester))) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, caller + " is neither a change manager, an"
					+ " auditor nor the requester of " + changeId + ": only they read a change's log");
		}
		return ChangeLog.of(change
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No change " + changeId)));
	}

	@Operation(summary = "SOC 2 CC8 evidence of every change requested in [from, to): one record per change",
			description = "from (inclusive) and to (exclusive, at most a year later): ISO-8601 instants with offset or"
					+ " dates (their UTC midnight). format: jsonl (default) or csv, streamed as an attachment. For"
					+ " change managers and auditors; each export is itself recorded in the audit trail (subject"
					+ " AUDIT-EXPORTS). See docs/audit-evidence.md for the fields and every violation flag.")
	@GetMapping("/api/audit/export")
	void export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "jsonl") String format, HttpServletResponse response) throws IOException {
		String caller = user.requiredMemberOfAny(Roles.AUDIT_READERS, WHO);
		var errors = new ArrayList<FieldError>();
		var period = ReportingPeriod.parse(from, to, "export a longer period in several calls", errors);
		if (!FORMATS.contains(format)) {
			errors.add(new FieldError("format", "must be one of " + String.join(", ", FORMATS)));
		}
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		Instant start = period.from();
		Instant end = period.to();
		Instant now = clock.instant();
		List<String> changes = evidence.requestedBetween(start, end);
		evidence.exported(caller, start, end, format, changes.size());

		boolean csv = "csv".equals(format);
		response.setContentType(csv ? "text/csv;header=present" : MediaType.APPLICATION_NDJSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("audit-evidence_" + FILE_TIME.format(start) + "_" + FILE_TIME.format(end) + "." + format)
			.build()
			.toString());
		// one change at a time: a year of changes is never held in memory
		try (OutputStream out = new BufferedOutputStream(response.getOutputStream())) {
			if (csv) {
				var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
				var rows = new EvidenceCsv(writer);
				for (String changeId : changes) {
					var record = record(changeId, now);
					if (record != null) {
						rows.write(record);
					}
				}
				writer.flush();
			}
			else {
				for (String changeId : changes) {
					var record = record(changeId, now);
					if (record != null) {
						out.write(json.writeValueAsBytes(record));
						out.write('\n');
					}
				}
			}
		}
	}

	// null if the change's trail was purged since the export began
	private EvidenceRecord record(String changeId, Instant now) {
		return evidence.change(changeId).map(change -> evidence.record(change, now)).orElse(null);
	}

}
