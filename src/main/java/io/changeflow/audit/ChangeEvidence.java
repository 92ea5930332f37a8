package io.changeflow.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.changeflow.policy.Utc;
import io.changeflow.security.Roles;

/**
 * What one change's audit trail shows, read row by row: the request as last revised, every approval, the
 * authorization, the implementation, testing, verification, rollback, slot, review and closure. The trail is the only
 * input, so the change log and the CC8 evidence say nothing an auditor cannot check against the rows.
 * <p>
 * Rows of the two chains (records, deployment) that share a millisecond have no order between them; facts from
 * different chains are therefore compared by time, never by position.
 */
final class ChangeEvidence {

	static final String NORMAL = "normal";

	static final String STANDARD = "standard";

	static final String EMERGENCY = "emergency";

	static final String RUNTIME_UPGRADE = "runtime-upgrade";

	/** Tasks whose decision approves (or not) a change: peer review, CAB seats, emergency CAB, validator votes. */
	static final Set<String> APPROVAL_TASKS = Set.of("ReviewChange", "ApproveChangeInCab", "RecordEmergencyApproval",
			"VoteOnRuntimeUpgrade");

	/** A revision starts a new approval round: earlier approvals no longer count (the engine resets them). */
	static final Set<String> REVISIONS = Set.of("ReviseChange", "ReviseProposal");

	static final Set<String> SECURITY_GROUPS = Set.of(Roles.CAB_SECURITY, Roles.SECURITY_TEAM);

	/** The policy gates that decide on testing evidence before a change may go on. */
	static final Set<String> TESTING_GATES = Set.of("Check testing evidence", "Check proposal", "Check eligibility");

	final String changeId;

	final Instant requestedAt;

	final String requester;

	/** The request as submitted, overlaid by every revision. */
	final Map<String, Object> request = new LinkedHashMap<>();

	String category;

	String phase;

	Instant closedAt;

	String outcome;

	final List<Approval> approvals = new ArrayList<>();

	Authorization authorization;

	boolean requiredApprovalsMet;

	/** Deployments to the change's target environment (a standard change's staging rehearsal is not one). */
	final List<Step> implementations = new ArrayList<>();

	final List<Step> verifications = new ArrayList<>();

	/** Whether the standard change had to rehearse in staging before its target (002 §4.1). */
	boolean stagingFirst;

	/** A standard change's implementation in staging before its target (002 §4.1): testing, not deployment. */
	final List<Step> stagingImplementations = new ArrayList<>();

	final List<Step> stagingVerifications = new ArrayList<>();

	final List<Step> rollbacks = new ArrayList<>();

	/** Whether a deployment was undone (RollBackChange); a runtime upgrade's recovery (002 §9) goes forward. */
	boolean rolledBack;

	/** Whether the change was withdrawn or deleted rather than run to an end of its process. */
	boolean cancelled;

	/** Every phase.changed row, in order: when the change left which phase for which. */
	final List<Transition> transitions = new ArrayList<>();

	final List<Decision> testingDecisions = new ArrayList<>();

	final List<Slot> slots = new ArrayList<>();

	/** Tasks created and neither completed nor cancelled. */
	final List<OpenTask> openTasks = new ArrayList<>();

	/** When the first implementation run ended (verified or rolled back); emergencies' review counts from it. */
	Instant implementationFinishedAt;

	/** The post-implementation review of an emergency, once done. */
	Step review;

	boolean securityChange;

	/** The decisions of the current round's security slots (cab-security, security-team). */
	final List<Approval> securityDecisions = new ArrayList<>();

	/** The current round's security slots still waiting for a decision. */
	int openSecuritySlots;

	private ChangeEvidence(String changeId, Instant requestedAt, String requester) {
		this.changeId = changeId;
		this.requestedAt = requestedAt;
		this.requester = requester;
	}

	/** @return null when the trail holds no request (no change, or a freeze or standard type's trail) */
	static ChangeEvidence read(List<AuditEntry> trail, Function<AuditEntry, Map<String, Object>> details) {
		var rows = new ArrayList<Row>();
		trail.forEach(entry -> rows.add(new Row(rows.size(), entry, details.apply(entry))));
		Row first = rows.stream().filter(row -> row.is("change.requested")).findFirst().orElse(null);
		if (first == null) {
			return null;
		}
		var evidence = new ChangeEvidence(first.entry.changeId(), first.at(),
				either(first.text("requester"), first.entry.actor()));
		new Walk(evidence).read(rows);
		return evidence;
	}

	/** The artifact the change is about: its commit, or a runtime upgrade's WASM hash (lower case, as voted on). */
	String artifact() {
		String commit = text(request.get("commitSha"));
		String wasm = text(request.get("wasmHash"));
		return (commit != null) ? commit : (wasm != null) ? wasm.toLowerCase(Locale.ROOT) : null;
	}

	String title() {
		return text(request.get("title"));
	}

	boolean closed() {
		return "closed".equals(phase);
	}

	/** The first deployment to the target, or null. */
	Step implementation() {
		return implementations.isEmpty() ? null : implementations.get(0);
	}

	/** The request's testing evidence: the test* fields, the evidence text, a standard change's CI result. */
	Map<String, Object> testingEvidence() {
		var shown = new TreeMap<String, Object>();
		request.forEach((name, value) -> {
			if (name.startsWith("test") || "ciPassed".equals(name)) {
				shown.put(name, value);
			}
		});
		return shown;
	}

	/** The last verification of the deployment ("success", "failed"; a failed deployment counts as failed), or null. */
	String verificationResult() {
		return lastResult(implementations, verifications);
	}

	/**
	 * 000's test_results: "failed" or "passed" by the last verification of the deployment (a deployment the pipeline
	 * reported failed counts as failed), else of a standard change's staging rehearsal; before any verification, by
	 * the last testing-evidence decision: "not required" when the rule requires no tests, "passed" when the evidence
	 * was complete, "failed" when it was missing; "pending" when none of these happened yet.
	 */
	String testResults() {
		String verified = verificationResult();
		if (verified == null) {
			verified = lastResult(stagingImplementations, stagingVerifications);
		}
		if (verified != null) {
			return "success".equals(verified) ? "passed" : "failed";
		}
		Decision decision = testingDecisions.stream()
			.filter(candidate -> !"Check eligibility".equals(candidate.gate))
			.reduce((earlier, later) -> later)
			.orElse(null);
		if (decision == null) {
			return "pending";
		}
		if (decision.evidenceMissing()) {
			return "failed";
		}
		return decision.decision.contains("no tests required") ? "not required" : "passed";
	}

	// the latest verification result, a failed deployment counting as a failed verification
	private static String lastResult(List<Step> deployments, List<Step> checks) {
		Step last = null;
		for (Step step : checks) {
			if (step.result != null && (last == null || !step.at.isBefore(last.at))) {
				last = step;
			}
		}
		for (Step deployment : deployments) {
			if ("failed".equals(deployment.result) && (last == null || !deployment.at.isBefore(last.at))) {
				last = deployment;
			}
		}
		return (last != null) ? last.result : null;
	}

	/**
	 * 000's security_review. A runtime upgrade's is its security audit: "approved" with one, "pending" for a
	 * significant upgrade without one, else "not required". Other changes: the decisions of the security slots
	 * (cab-security, security-team) of the current round: "rejected" if any did not approve, "approved" if all
	 * approved (a normal change, and a security emergency, need the CAB security seat among them), "pending" while a
	 * slot is open or, before any slot, while the change is open and needs one; otherwise "not required".
	 */
	String securityReview() {
		if (RUNTIME_UPGRADE.equals(category)) {
			if (Boolean.TRUE.equals(request.get("securityAudit"))) {
				return "approved";
			}
			return Boolean.TRUE.equals(request.get("significant")) ? "pending" : "not required";
		}
		if (securityDecisions.stream().anyMatch(decision -> !decision.approves())) {
			return "rejected";
		}
		boolean seatNeeded = NORMAL.equals(category) || (EMERGENCY.equals(category) && securityChange);
		boolean seatApproved = securityDecisions.stream().anyMatch(Approval::cabSeat);
		if (openSecuritySlots > 0 || (!closed() && seatNeeded && !seatApproved)) {
			return "pending";
		}
		return securityDecisions.isEmpty() ? "not required" : "approved";
	}

	static String text(Object value) {
		return (value == null || value.toString().isBlank()) ? null : value.toString();
	}

	/** @return {@code first} unless null, else {@code second} (which may be null too) */
	static <T> T either(T first, T second) {
		return (first != null) ? first : second;
	}

	// as people and tools recorded it: Camunda Forms' datetime ("2026-11-21T08:45Z") has no seconds
	static Instant instant(Object value) {
		return (value == null) ? null : Utc.parse(value);
	}

	/** One trail row with its details read. */
	private record Row(int index, AuditEntry entry, Map<String, Object> details) {

		boolean is(String type) {
			return type.equals(entry.type());
		}

		Instant at() {
			return entry.at();
		}

		String activity() {
			return Objects.toString(entry.activityId(), "");
		}

		String text(String name) {
			return ChangeEvidence.text(details.get(name));
		}

	}

	/**
	 * A decision on an approval task or a validator vote.
	 * @param counted whether it is an approval of the current round (since the last revision): one the change's
	 * authorization rests on
	 * @param due when the task was due; only emergency approvals are held to it
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Approval(String by, Instant at, String task, String activityId, String decision, String comment,
			String artifact, Instant verbalApprovalAt, Instant due, boolean counted, List<String> groups) {

		boolean approves() {
			return approving(decision);
		}

		/** An approval, or a validator's aye. */
		static boolean approving(String decision) {
			return "approve".equals(decision) || "aye".equals(decision);
		}

		boolean cabSeat() {
			return groups.contains(Roles.CAB_SECURITY);
		}

	}

	/** What authorized the change to be implemented, and when. */
	record Authorization(Instant at, String how) {
	}

	/**
	 * An implementation, verification, rollback or review as reported.
	 * @param startedAt when the implementation run began (after the slot's freeze check); null for other steps
	 * @param result success / failed, the recovery chosen, or null
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Step(String step, String by, Instant startedAt, Instant at, String result, String artifact, String notes,
			String link) {

		/** When the deployment began: the run's start, or the report itself when the run's start is not known. */
		Instant began() {
			return (startedAt != null) ? startedAt : at;
		}

	}

	record Decision(Instant at, String gate, String decision) {

		boolean evidenceMissing() {
			return "Check testing evidence".equals(gate) && !decision.startsWith("Evidence complete");
		}

	}

	record Slot(Instant start, Instant end, String window, Instant bookedAt) {
	}

	/** @param from the phase left; null on rows that do not name it */
	record Transition(Instant at, String from, String to) {
	}

	record OpenTask(String task, String activityId, Instant createdAt, Instant due) {
	}

	/** The one pass over the rows; keeps what only matters while reading (runs, rounds, task due dates). */
	private static final class Walk {

		private final ChangeEvidence evidence;

		/** Implementation runs (change-implementation instances) in order, by the row that opened each. */
		private final Map<String, Instant> runs = new LinkedHashMap<>();

		private final Map<String, Row> created = new LinkedHashMap<>();

		private final Map<String, Row> open = new LinkedHashMap<>();

		private final List<Row> approvals = new ArrayList<>();

		private final List<Row> implementations = new ArrayList<>();

		private final List<Row> verifications = new ArrayList<>();

		/** Position of the last request or revision: approvals and authorizations before it no longer count. */
		private int round;

		private Row cabApproved;

		private Row preApproved;

		private Row reviewApproved;

		private Row voteApproved;

		private Row declared;

		private boolean peerReviewRequired;

		private boolean stagingFirst;

		private Walk(ChangeEvidence evidence) {
			this.evidence = evidence;
		}

		void read(List<Row> rows) {
			for (Row row : rows) {
				switch (row.entry.type()) {
					case "change.requested" -> {
						evidence.request.putAll(row.details);
						evidence.category = either(row.text("changeCategory"), evidence.category);
						newRound(row);
					}
					case "phase.changed" -> phase(row);
					case "change.cancelled" -> {
						evidence.cancelled = true;
						evidence.outcome = either(evidence.outcome, row.text("reason"));
					}
					case "task.created" -> {
						created.put(row.entry.taskId(), row);
						open.put(row.entry.taskId(), row);
					}
					case "task.cancelled" -> open.remove(row.entry.taskId());
					case "task.completed" -> {
						open.remove(row.entry.taskId());
						completed(row);
					}
					case "step.completed" -> pipeline(row);
					case "gateway.decided" -> gateway(row);
					case "vote.decided" -> voteApproved = "approved".equals(row.text("outcome")) ? row : voteApproved;
					case "emergency.declared" -> {
						declared = row;
						evidence.securityChange = Boolean.TRUE.equals(row.details.get("securityChange"));
					}
					case "upgrade.enacted" -> implementations.add(row);
					case "policy.decided" -> policy(row);
					case "slot.booked", "slot.rescheduled" -> evidence.slots.add(new Slot(
							instant(row.details.get("start")), instant(row.details.get("end")), row.text("window"),
							row.at()));
					case "outcome.reached" -> {
						if ("change-implementation".equals(row.text("process"))
								&& evidence.implementationFinishedAt == null) {
							evidence.implementationFinishedAt = row.at();
						}
					}
					default -> {
						// claims, assignments, gate changes, events: context, not evidence of these criteria
					}
				}
			}
			open.values().forEach(row -> evidence.openTasks.add(new OpenTask(row.entry.activityName(), row.activity(),
					row.at(), instant(row.details.get("due")))));
			evidence.stagingFirst = STANDARD.equals(evidence.category) && stagingFirst;
			approvals();
			authorization();
			steps();
		}

		private void newRound(Row row) {
			round = row.index;
			cabApproved = null;
			reviewApproved = null;
			voteApproved = null;
		}

		private void phase(Row row) {
			evidence.transitions.add(new Transition(row.at(), row.text("from"), row.text("to")));
			evidence.phase = row.text("to");
			evidence.category = either(row.text("category"), evidence.category);
			if (evidence.closed()) {
				evidence.closedAt = row.at();
				evidence.outcome = either(row.text("outcome"), evidence.outcome);
			}
		}

		private void completed(Row row) {
			String activity = row.activity();
			if (REVISIONS.contains(activity)) {
				row.details.forEach((name, value) -> {
					if (!"artifact".equals(name)) {
						evidence.request.put(name, value);
					}
				});
				newRound(row);
			}
			else if (APPROVAL_TASKS.contains(activity)) {
				approvals.add(row);
			}
			else if ("ImplementChange".equals(activity)) {
				implementations.add(row);
			}
			else if ("VerifyChange".equals(activity)) {
				verifications.add(row);
			}
			else if ("RollBackChange".equals(activity) || "DecideRecovery".equals(activity)) {
				evidence.rolledBack |= "RollBackChange".equals(activity);
				evidence.rollbacks.add(new Step(row.entry.activityName(), row.entry.actor(), null, row.at(),
						row.text("recovery"), null, notes(row, "rollbackNotes", "postMortem", "recoveryNotes"), null));
			}
			else if ("ReviewEmergencyChange".equals(activity)) {
				evidence.review = new Step(row.entry.activityName(), row.entry.actor(), null, row.at(), null, null,
						notes(row, "whatHappened", "rootCause", "lessonsLearned"), null);
			}
		}

		private void pipeline(Row row) {
			if ("PipelineImplementsChange".equals(row.activity())) {
				implementations.add(row);
			}
			else if ("PipelineVerifiesChange".equals(row.activity())) {
				verifications.add(row);
			}
		}

		private void gateway(Row row) {
			boolean yes = "yes".equals(row.text("outcome")) || "approved".equals(row.text("outcome"));
			switch (row.activity()) {
				case "ImplementationByPipeline" -> runs.putIfAbsent(row.entry.processInstanceId(), row.at());
				case "CabDecision" -> cabApproved = yes ? row : null;
				case "PreApproved" -> preApproved = yes ? row : null;
				case "PeerReviewRequired" -> peerReviewRequired = yes;
				case "ReviewOutcome" -> reviewApproved = yes ? row : null;
				case "StagingFirst" -> stagingFirst = yes;
				default -> {
					// other decisions show in the steps they lead to
				}
			}
		}

		private void policy(Row row) {
			String gate = row.text("gate");
			String decision = Objects.toString(row.text("decision"), "");
			if (TESTING_GATES.contains(gate)) {
				evidence.testingDecisions.add(new Decision(row.at(), gate, decision));
			}
			else if ("Assess verification".equals(gate)) {
				// a runtime upgrade's verification is the engine's assessment of what was reported
				verifications.add(new Row(row.index, row.entry, Map.of("verificationResult",
						decision.startsWith("Verification success") ? "success" : "failed", "verificationNotes",
						decision)));
			}
		}

		private void approvals() {
			for (Row row : approvals) {
				boolean current = row.index > round;
				Row task = created.get(row.entry.taskId());
				List<String> groups = groups(task);
				String decision = either(row.text("decision"), row.text("vote"));
				var approval = new Approval(row.entry.actor(), row.at(), row.entry.activityName(), row.activity(),
						decision, either(row.text("decisionComment"), row.text("voteComment")), row.text("artifact"),
						instant(row.details.get("verbalApprovalAt")),
						(task != null) ? instant(task.details.get("due")) : null,
						current && Approval.approving(decision), groups);
				evidence.approvals.add(approval);
				if (current && groups.stream().anyMatch(SECURITY_GROUPS::contains)) {
					evidence.securityDecisions.add(approval);
				}
			}
			evidence.openSecuritySlots = (int) open.values()
				.stream()
				.filter(task -> task.index > round && APPROVAL_TASKS.contains(task.activity()))
				.filter(task -> groups(task).stream().anyMatch(SECURITY_GROUPS::contains))
				.count();
		}

		private void authorization() {
			String category = Objects.toString(evidence.category, "");
			Authorization authorization = switch (category) {
				case NORMAL -> (cabApproved != null) ? new Authorization(cabApproved.at(), "CAB approved") : null;
				case STANDARD -> (preApproved != null && (!peerReviewRequired || reviewApproved != null))
						? new Authorization((reviewApproved != null) ? reviewApproved.at() : preApproved.at(),
								"Pre-approved standard change" + (peerReviewRequired ? ", peer review approved" : ""))
						: null;
				case RUNTIME_UPGRADE -> (voteApproved != null) ? new Authorization(voteApproved.at(),
						"Validator vote approved: " + voteApproved.details.get("ayes") + " aye of "
								+ voteApproved.details.get("validators") + " validators")
						: null;
				case EMERGENCY -> (declared != null) ? new Authorization(declared.at(), "Emergency "
						+ declared.text("kind") + " declared by " + declared.text("declaredBy") + " for "
						+ declared.text("incident")) : null;
				default -> null;
			};
			evidence.authorization = authorization;
			if (EMERGENCY.equals(category)) {
				// approved after the fact by every seat the emergency approval policy named
				var seats = created.values().stream().filter(task -> "RecordEmergencyApproval".equals(task.activity()))
					.toList();
				evidence.requiredApprovalsMet = !seats.isEmpty() && seats.stream().allMatch(seat -> approvals.stream()
					.anyMatch(row -> row.entry.taskId().equals(seat.entry.taskId())
							&& "approve".equals(row.text("decision"))));
			}
			else {
				evidence.requiredApprovalsMet = authorization != null;
			}
		}

		// a standard change that rehearses in staging does so in its first implementation run
		private void steps() {
			String rehearsalRun = (evidence.stagingFirst && !runs.isEmpty()) ? runs.keySet().iterator().next() : null;
			for (Row row : implementations) {
				boolean upgrade = row.is("upgrade.enacted");
				var step = new Step(upgrade ? "Runtime upgrade enacted" : row.entry.activityName(), row.entry.actor(),
						runs.get(row.entry.processInstanceId()), row.at(), row.text("implementationResult"),
						upgrade ? row.text("wasmHash") : row.text("artifact"), row.text("implementationNotes"),
						row.text("pipelineRunUrl"));
				(isRehearsal(row, rehearsalRun) ? evidence.stagingImplementations : evidence.implementations).add(step);
			}
			for (Row row : verifications) {
				var step = new Step(either(row.entry.activityName(), "Assess verification"),
						row.entry.actor(), null, row.at(), row.text("verificationResult"), row.text("artifact"),
						notes(row, "verificationNotes", "verificationEvidence"), row.text("pipelineRunUrl"));
				(isRehearsal(row, rehearsalRun) ? evidence.stagingVerifications : evidence.verifications).add(step);
			}
			// the deployment chain's reports sort after the records chain's rows of the same millisecond
			for (var steps : List.of(evidence.implementations, evidence.verifications, evidence.stagingImplementations,
					evidence.stagingVerifications)) {
				steps.sort(Comparator.comparing(Step::at));
			}
		}

		private static boolean isRehearsal(Row row, String rehearsalRun) {
			return rehearsalRun != null && rehearsalRun.equals(row.entry.processInstanceId());
		}

		@SuppressWarnings("unchecked")
		private static List<String> groups(Row task) {
			Object groups = (task != null) ? task.details.get("candidateGroups") : null;
			return (groups instanceof List<?> list) ? (List<String>) list : List.of();
		}

		private static String notes(Row row, String... names) {
			var notes = new ArrayList<String>();
			for (String name : names) {
				if (row.text(name) != null) {
					notes.add(row.text(name));
				}
			}
			return notes.isEmpty() ? null : String.join(" | ", notes);
		}

	}

}
