package io.changeflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.ChangeApiTests;
import io.changeflow.change.Changes;

/**
 * A normal change from request to closure over HTTP, done by its people as they would in Tasklist: create (alice), two
 * peer reviews (carol, dave), three CAB seats (ivan, judy, ken), the engine schedules it, implement (leo), verify
 * (heidi), close (leo). An application-code change of low risk runs at any time: the app runs with one-second
 * any-time slots and the changes take turns over 8 lanes ({@link Changes#lane}), so a slot is minutes away only
 * when more than 8 changes wait for one.
 * <p>
 * A completion that meets one of the change's timers firing at that moment (a one-second slot ends soon) fails with
 * the engine's optimistic locking; like a person, the driver tries again, and counts it.
 */
final class NormalLifecycle {

	/** create → reviews → CAB → schedule → implement → verify → close, as issue 10 counts them. */
	static final int STEPS = 7;

	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final ApiCalls api;

	private final AtomicInteger numbers = new AtomicInteger();

	/** Completions tried again after they met a concurrent change of the same instance. */
	final AtomicInteger conflicts = new AtomicInteger();

	NormalLifecycle(ApiCalls api) {
		this.api = api;
	}

	/** @return the change's id, closed successfully (throws otherwise) */
	String run() throws InterruptedException {
		var request = new HashMap<>(ChangeApiTests.normalRequest());
		// two peer reviews and the CAB
		request.put("changeType", "application-code");
		request.put("requestedDate", LocalDate.now(ZoneOffset.UTC).toString());
		request.putAll(Changes.lane(numbers.incrementAndGet()));
		var created = api.post("alice", "/api/changes", request);
		if (created.status() != 201) {
			throw new IllegalStateException("create: " + created.status() + " " + created.body());
		}
		String id = created.json().get("id").asText();
		for (String reviewer : List.of("carol", "dave")) {
			complete(reviewer, id, "Review change", Map.of("decision", "approve"));
		}
		for (String member : List.of("ivan", "judy", "ken")) {
			complete(member, id, "Approve change in CAB", Map.of("decision", "approve"));
		}
		complete("leo", id, "Implement change", Map.of("implementationNotes", "Rolled out via pipeline"));
		complete("heidi", id, "Verify change",
				Map.of("verificationResult", "success", "verificationNotes", "Healthy"));
		complete("leo", id, "Close change", Map.of("lessonsLearned", "Smooth"));
		JsonNode change = api.get("alice", "/api/changes/" + id).json();
		if (!"closed".equals(change.get("phase").asText()) || !change.path("successful").asBoolean()) {
			throw new IllegalStateException(id + " did not close successfully: " + change);
		}
		return id;
	}

	/**
	 * Waits until the change's task is in the user's inbox (the engine may still schedule it), then completes it. The
	 * inbox, not a search by the change's variables: that search reads every open task the user may see, as a person's
	 * look at their inbox does not.
	 */
	private void complete(String user, String id, String taskName, Map<String, Object> values)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (true) {
			for (JsonNode task : api.get(user, "/api/inbox?limit=200").json()) {
				if (id.equals(task.path("changeId").asText()) && task.get("name").asText().startsWith(taskName)) {
					var variables = new LinkedHashMap<String, Object>();
					values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
					var completed = api.post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete",
							Map.of("variables", variables));
					if (completed.status() == 500 && completed.body().contains("updated by another transaction")) {
						conflicts.incrementAndGet();
						continue;
					}
					if (completed.status() != 204) {
						throw new IllegalStateException(taskName + " by " + user + " on " + id + ": "
								+ completed.status() + " " + completed.body());
					}
					return;
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(user + " saw no '" + taskName + "' of " + id + " within " + PATIENCE);
			}
			Thread.sleep(50);
		}
	}

}
