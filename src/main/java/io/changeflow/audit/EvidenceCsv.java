package io.changeflow.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.changeflow.audit.ChangeEvidence.Approval;
import io.changeflow.audit.ChangeEvidence.Slot;
import io.changeflow.audit.EvidenceRecord.Violation;

/**
 * The audit export as CSV (RFC 4180): one row per change, the evidence flattened into columns. Cells that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) are prefixed with a quote.
 */
final class EvidenceCsv {

	static final List<String> HEADER = List.of("changeId", "category", "title", "requester", "requestedAt", "artifact",
			"phase", "outcome", "approvers", "requiredApprovalsMet", "authorizedAt", "implementedAt",
			"implementedArtifact", "slotStart", "slotEnd", "withinSlot", "testResults", "verificationResult",
			"closedAt", "cc8_1_satisfied", "cc8_2_satisfied", "cc8_3_satisfied", "violations");

	private static final String FORMULA_STARTS = "=+-@\t\r";

	private final Writer out;

	EvidenceCsv(Writer out) throws IOException {
		this.out = out;
		line(HEADER);
	}

	void write(EvidenceRecord record) throws IOException {
		var authorized = record.authorized().evidence();
		var followed = record.followed().evidence();
		Slot slot = followed.slot();
		var cells = new ArrayList<>();
		cells.add(record.changeId());
		cells.add(record.category());
		cells.add(record.title());
		cells.add(record.requester());
		cells.add(record.requestedAt());
		cells.add(record.artifact());
		cells.add(record.phase());
		cells.add(record.outcome());
		cells.add(authorized.approvals().stream().filter(Approval::counted).map(Approval::by).distinct()
			.collect(Collectors.joining(", ")));
		cells.add(authorized.requiredApprovalsMet());
		cells.add(authorized.authorizedAt());
		cells.add(authorized.implementedAt());
		cells.add(authorized.implementedArtifact());
		cells.add((slot != null) ? slot.start() : null);
		cells.add((slot != null) ? slot.end() : null);
		cells.add(followed.withinSlot());
		cells.add(record.tested().evidence().testResults());
		cells.add(followed.verificationResult());
		cells.add(followed.closedAt());
		cells.add(record.authorized().satisfied());
		cells.add(record.tested().satisfied());
		cells.add(record.followed().satisfied());
		cells.add(record.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
		line(cells.stream().map(cell -> Objects.toString(cell, "")).toList());
	}

	private void line(List<String> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(cell(cells.get(i)));
		}
		out.write("\r\n");
	}

	/** One field: defused if a spreadsheet would evaluate it, quoted if it holds a comma, quote or line break. */
	static String cell(String value) {
		String safe = (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

}
