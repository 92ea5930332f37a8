package io.changeflow.system;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.Changes;

/**
 * Drives automated standard changes from request to closure over HTTP, as their pipeline and an implementer do:
 * request (alice), staging and production results (ci-bot), *Close change* (leo). Their slot timers and async steps
 * run on the nodes' job executors. Every call goes to the next node; one that fails (the node died) is repeated on
 * the next, as a load balancer would. That is safe: the request carries an Idempotency-Key, and every later
 * step first reads where the change waits, so a result that was recorded before its node died is not reported twice.
 */
final class StandardChangeDriver {

	private static final Duration PATIENCE = Duration.ofMinutes(10);

	private final Supplier<List<AppNode>> nodes;

	private final String run;

	private final AtomicInteger turn = new AtomicInteger();

	/** Calls repeated on another node after their node failed to answer. */
	final AtomicInteger failovers = new AtomicInteger();

	/** @param nodes the nodes behind the load balancer now (asked again before every call) */
	StandardChangeDriver(Supplier<List<AppNode>> nodes, String run) {
		this.nodes = nodes;
		this.run = run;
	}

	/**
	 * Requests change {@code number} of this run and drives it to its end.
	 * @param lane its service and environment
	 * @return its id
	 */
	String drive(int number, Map<String, Object> lane) throws InterruptedException {
		String id = request(number, lane);
		follow(id);
		return id;
	}

	/** Requests change {@code number} of this run (again: the same change). @return its id */
	String request(int number, Map<String, Object> lane) {
		var request = new HashMap<String, Object>(Changes.standardRequest());
		request.putAll(lane);
		request.put("category", "standard");
		request.put("implementation", "automated");
		request.put("commitSha", "%040x".formatted(number));
		request.put("title", "Bump serde (" + run + " #" + number + ")");
		var created = call(api -> api.post("alice", "/api/changes", request, "Idempotency-Key", run + "-" + number));
		if (created.status() != 201 && created.status() != 200) {
			throw new AssertionError("Request " + number + " refused: " + created.status() + " " + created.body());
		}
		return created.json().get("id").asText();
	}

	/** Takes the change from wherever it waits to its successful end. */
	void follow(String id) throws InterruptedException {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (Instant.now().isBefore(deadline)) {
			JsonNode change = call(api -> api.get("alice", "/api/changes/" + id)).json();
			if ("closed".equals(change.get("phase").asText())) {
				if (!change.path("successful").asBoolean()) {
					throw new AssertionError(id + " ended unsuccessfully: " + change);
				}
				return;
			}
			if (!reportResults(id) && !closeChange(id)) {
				Thread.sleep(250);
			}
		}
		throw new AssertionError(id + " did not reach its end within " + PATIENCE);
	}

	/**
	 * Reports a successful deployment and verification if a pipeline step is open.
	 * @return whether one was (409 while none is: the change waits for its slot, or an async step runs)
	 */
	boolean reportResults(String id) {
		var report = call(api -> api.post("ci-bot", "/api/changes/" + id + "/implementation-result", Map.of(
				"implementation", "success", "verification", "success", "evidence", "Smoke tests 42/42")));
		if (report.status() == 200) {
			return true;
		}
		if (report.status() != 409) {
			throw new AssertionError("Result for " + id + ": " + report.status() + " " + report.body());
		}
		return false;
	}

	private boolean closeChange(String id) {
		JsonNode tasks = call(api -> api.get("leo",
				"/engine-rest/task?taskDefinitionKey=CloseChange&processVariables=changeId_eq_" + id)).json();
		if (tasks.isEmpty()) {
			return false;
		}
		var completed = call(api -> api.post("leo", "/engine-rest/task/" + tasks.get(0).get("id").asText()
				+ "/complete", Map.of("variables", Map.of("closureNotes", Map.of("value", "Deployed and verified")))));
		// 404/500: completed meanwhile by the same call on a node that died before answering; the next look tells
		return completed.status() == 204;
	}

	private ApiCalls.Response call(Function<ApiCalls, ApiCalls.Response> request) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		RuntimeException last = null;
		while (Instant.now().isBefore(deadline)) {
			List<AppNode> candidates = nodes.get();
			if (!candidates.isEmpty()) {
				AppNode node = candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size()));
				try {
					var response = request.apply(node.api());
					if (response.status() != 502 && response.status() != 503) {
						return response;
					}
				}
				catch (IllegalStateException ex) {
					last = ex;
				}
				failovers.incrementAndGet();
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("No node answered for 3 minutes", last);
	}

}
