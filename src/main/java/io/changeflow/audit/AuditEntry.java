package io.changeflow.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.system.Sha256;

/**
 * One row of the audit trail as stored. {@link #hash()} is SHA-256 over {@link #canonical()} and the previous row's
 * hash: editing any field, or removing or reordering a row, breaks the link to the next one.
 *
 * @param details JSON object (keys sorted) as written; hashed verbatim
 */
record AuditEntry(String chainId, int seq, String changeId, Instant at, String type, String actor,
		String processInstanceId, String activityId, String activityName, String taskId, String details,
		String prevHash, String hash) {

	/** The prev hash of a chain's first row. */
	static final String GENESIS = "0".repeat(64);

	private static final ObjectMapper CANONICAL = new ObjectMapper();

	/** The content the hash covers, as one JSON array in column order; details as their stored text. */
	String canonical() {
		try {
			return CANONICAL.writeValueAsString(List.of(chainId, seq, changeId, at.toString(), type,
					nullable(actor), nullable(processInstanceId), nullable(activityId), nullable(activityName),
					nullable(taskId), details));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot serialize audit row " + chainId + "#" + seq, ex);
		}
	}

	/** This row with the hash of its content after its {@link #prevHash()}. */
	AuditEntry sealed() {
		return new AuditEntry(chainId, seq, changeId, at, type, actor, processInstanceId, activityId, activityName,
				taskId, details, prevHash, expectedHash(prevHash));
	}

	/** What {@link #hash()} must be for this content after {@code prev}. */
	String expectedHash(String prev) {
		return Sha256.hex(prev + "\n" + canonical());
	}

	// List.of refuses nulls; "" never occurs in a stored column (blank values are stored as null)
	private static Object nullable(String value) {
		return (value != null) ? value : "";
	}

}
