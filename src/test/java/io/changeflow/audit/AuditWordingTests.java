package io.changeflow.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit rows in words, for the row types the flows of {@code AuditPagesTests} do not write. */
class AuditWordingTests {

	@Test
	void peopleAreNamedAsTheIdentityStoreKnowsThem() {
		assertThat(say("task.assigned", "demo", "Review change (peer review)", Map.of("assignee", "carol")))
			.isEqualTo("Demo assigned Review change (peer review) to Carol");
		assertThat(say("task.delegated", "carol", "Review change (peer review)",
				Map.of("assignee", "dave", "owner", "carol")))
			.isEqualTo("Carol delegated Review change (peer review) to Dave");
		assertThat(say("task.resolved", "dave", "Review change (peer review)",
				Map.of("assignee", "carol", "owner", "carol")))
			.isEqualTo("Dave resolved Review change (peer review) delegated by Carol");
		assertThat(say("task.unclaimed", "carol", "Review change (peer review)", Map.of()))
			.isEqualTo("Carol gave back Review change (peer review)");
	}

	@Test
	void rowsWithoutAnActorSayWhatHappened() {
		assertThat(say("change.requested", null, "Change requested", Map.of("title", "Rotate TLS certificates")))
			.isEqualTo("Change requested: Rotate TLS certificates");
		assertThat(say("change.cancelled", null, null, Map.of("reason", "Expired")))
			.isEqualTo("Change cancelled: Expired");
		assertThat(say("task.cancelled", null, "Approve change in CAB (security representative)",
				Map.of("reason", "deleted")))
			.isEqualTo("Task Approve change in CAB (security representative) was cancelled: deleted");
		assertThat(say("step.completed", null, "Check change request", Map.of("step", "Check change request")))
			.isEqualTo("The engine ran Check change request");
	}

	@Test
	void decisionsAndOutcomesAreNamed() {
		assertThat(say("task.completed", "victor", "Vote on runtime upgrade", Map.of("vote", "aye")))
			.isEqualTo("Victor completed Vote on runtime upgrade: aye");
		assertThat(say("task.completed", "leo", "Implement change", Map.of("implementationNotes", "done")))
			.isEqualTo("Leo completed Implement change");
		assertThat(say("step.completed", "ci-bot", "Pipeline implements change", Map.of("step", "x")))
			.isEqualTo("Ci-bot reported Pipeline implements change");
		assertThat(say("slot.rescheduled", null, null, Map.of("start", "2027-01-06T02:00:00Z", "end",
				"2027-01-06T06:00:00Z", "window", "Low-traffic", "reasons", List.of("Holiday freeze"))))
			.isEqualTo("Slot moved to 2027-01-06T02:00:00Z – 2027-01-06T06:00:00Z (Low-traffic)");
		assertThat(say("vote.decided", null, null, Map.of("outcome", "approved", "ayes", 3, "nays", 1)))
			.isEqualTo("Validator vote: approved (ayes 3, nays 1)");
		assertThat(say("operation.performed", "demo", null, Map.of("operation", "Suspend", "entity",
				"ProcessInstance", "property", "suspensionState", "to", "suspended")))
			.isEqualTo("Demo ran the engine operation Suspend (ProcessInstance)");
		assertThat(say("something.new", null, null, Map.of())).isEqualTo("something.new");
	}

	// user ids capitalized, as the demo identity names people
	private static String say(String type, String actor, String step, Map<String, Object> details) {
		var row = new AuditEntry("CHG-2026-0001", 1, "CHG-2026-0001", Instant.parse("2026-11-21T09:00:00Z"), type,
				actor, null, null, step, null, "{}", AuditEntry.GENESIS, "0");
		return AuditWording.describe(row, details,
				user -> Character.toUpperCase(user.charAt(0)) + user.substring(1));
	}

}
