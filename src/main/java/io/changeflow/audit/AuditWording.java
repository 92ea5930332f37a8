package io.changeflow.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One audit row as a sentence for people, e.g. "Carol completed Review change (peer review): approve". The row's
 * details stay listed beside it: the sentence names only what the row is about.
 */
final class AuditWording {

	/** The fields of a completed task that carry its outcome, in the order they are looked for. */
	private static final List<String> OUTCOMES = List.of("decision", "vote", "verificationResult", "recovery");

	private AuditWording() {
	}

	/**
	 * @param names a user id's name as people know it, e.g. "carol" → "Carol"
	 */
	static String describe(AuditEntry row, Map<String, Object> details, UnaryOperator<String> names) {
		String who = (row.actor() != null) ? names.apply(row.actor()) : "The engine";
		String step = (row.activityName() != null) ? row.activityName() : row.activityId();
		return switch (row.type()) {
			case "change.requested" -> by(row, names, "requested the change", "Change requested")
					+ colon(details.get("title"));
			case "change.cancelled" -> by(row, names, "cancelled the change", "Change cancelled")
					+ colon(details.get("reason"));
			case "change.expired" -> "The change expired" + colon(details.get("step"));
			case "phase.changed" -> "Phase changed from " + details.get("from") + " to " + details.get("to")
					+ ((details.get("outcome") != null) ? " (" + details.get("outcome") + ")" : "");
			case "task.created" -> "Task " + step + " opened" + forWhom(details);
			case "task.claimed" -> who + " claimed " + step;
			case "task.assigned" -> who + " assigned " + step + " to " + assignee(details, names);
			case "task.unclaimed" -> who + " gave back " + step;
			case "task.delegated" -> who + " delegated " + step + " to " + assignee(details, names);
			case "task.resolved" -> who + " resolved " + step + " delegated by "
					+ ((details.get("owner") != null) ? names.apply(details.get("owner").toString()) : "its owner");
			case "task.completed" -> who + " completed " + step + colon(outcome(details));
			case "task.cancelled" -> "Task " + step + " was cancelled" + colon(details.get("reason"));
			case "gateway.decided" -> details.get("gateway") + " → " + details.get("outcome");
			case "event.occurred" -> "Event: " + details.get("event");
			case "outcome.reached" -> "Outcome of " + details.get("process") + ": " + details.get("outcome");
			case "step.completed" -> (row.actor() != null) ? who + " reported " + step : "The engine ran " + step;
			case "policy.decided" -> "Policy decision at " + details.get("gate") + ": " + details.get("decision");
			case "slot.booked" -> "Slot booked: " + details.get("start") + " – " + details.get("end")
					+ parentheses(details.get("window"));
			case "slot.rescheduled" -> "Slot moved to " + details.get("start") + " – " + details.get("end")
					+ parentheses(details.get("window"));
			case "gate.changed" -> "Deployment gate for " + details.get("environment") + ": " + details.get("state");
			case "emergency.declared" -> by(row, names, "declared an emergency", "Emergency declared")
					+ ((details.get("incident") != null) ? " for incident " + details.get("incident") : "");
			case "vote.decided" -> "Validator vote: " + details.get("outcome") + " (ayes " + details.get("ayes")
					+ ", nays " + details.get("nays") + ")";
			case "upgrade.enacted" -> "Runtime upgrade enacted: " + details.get("specName") + " "
					+ details.get("specVersion");
			case "freeze.declared" -> by(row, names, "declared the freeze", "Freeze declared")
					+ colon(details.get("name"));
			// Cockpit or /engine-rest: the engine's name for it, e.g. "SetVariable (Variable)"
			case "operation.performed" -> by(row, names, "ran the engine operation", "Engine operation") + " "
					+ details.get("operation") + parentheses(details.get("entity"));
			case "standard-type.demoted" -> "Standard type demoted to normal changes" + colon(details.get("reason"));
			case "standard-type.reapproved" -> "Standard type re-approved"
					+ ((details.get("by") != null) ? " by " + names.apply(details.get("by").toString()) : "");
			case "duty.refused" -> by(row, names, "was refused", "Refused") + ": " + details.get("action") + colon(
					details.get("reason"));
			default -> row.type();
		};
	}

	// some of these rows have no actor: a change started by a message, a freeze a timer declared
	private static String by(AuditEntry row, UnaryOperator<String> names, String action, String otherwise) {
		return (row.actor() != null) ? names.apply(row.actor()) + " " + action : otherwise;
	}

	private static Object outcome(Map<String, Object> details) {
		return OUTCOMES.stream().map(details::get).filter(value -> value != null).findFirst().orElse(null);
	}

	private static String forWhom(Map<String, Object> details) {
		if (details.get("assignee") != null) {
			return " for " + details.get("assignee");
		}
		return (details.get("candidateGroups") instanceof Collection<?> groups && !groups.isEmpty())
				? " for " + String.join(", ", groups.stream().map(Object::toString).toList()) : "";
	}

	private static String assignee(Map<String, Object> details, UnaryOperator<String> names) {
		return (details.get("assignee") != null) ? names.apply(details.get("assignee").toString()) : "nobody";
	}

	private static String colon(Object value) {
		return (value != null && !value.toString().isBlank()) ? ": " + value : "";
	}

	private static String parentheses(Object value) {
		return (value != null) ? " (" + value + ")" : "";
	}

}
