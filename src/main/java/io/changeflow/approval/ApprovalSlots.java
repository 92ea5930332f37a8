package io.changeflow.approval;

import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Slots are stored as a readable comma-separated variable ("reviewers,reviewers,security-team") rather than a
 * Java-serialized list; the multi-instance tasks call {@code ${approvalSlots.of(reviewSlots)}} to iterate them.
 */
@Component("approvalSlots")
public class ApprovalSlots {

	public List<String> of(String slots) {
		return Arrays.stream(slots.split(",")).map(String::strip).filter(slot -> !slot.isEmpty()).toList();
	}

	static String join(List<String> slots) {
		return String.join(",", slots);
	}

}
