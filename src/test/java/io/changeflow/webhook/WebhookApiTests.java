package io.changeflow.webhook;

import java.time.Duration;

import io.changeflow.change.ChangePhase;
import io.changeflow.change.ChangePhaseChanged;
import io.changeflow.change.GateChanged;
import io.changeflow.change.GateState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code /api/webhooks/deliveries}: change managers see what was sent and what failed, and send a failed one again. */
class WebhookApiTests extends WebhookTestSupport {

	private static final String URL = "/api/webhooks/deliveries";

	@Autowired
	private MockMvc mvc;

	/** The id of CHG-1's gate event to pipeline, failed after 4 attempts. */
	private String failed;

	/**
	 * CHG-1: a gate event pipeline refused 4 times (failed); CHG-2: a phase event delivered to pipeline and audit;
	 * CHG-3: a phase event pending for both.
	 */
	@BeforeEach
	void deliveries() {
		PIPELINE.answer(500, 500, 500, 500);
		publishCommitted(new GateChanged("CHG-1", "production", GateState.ALLOWED, "Slot opened", null, NOW));
		for (Duration at : new Duration[] { Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(3),
				Duration.ofMinutes(6) }) {
			clockAt(at);
			dispatcher.dispatchDue();
		}
		failed = deliveriesTo("pipeline").get(0).id();
		publishCommitted(new ChangePhaseChanged("CHG-2", "standard", null, ChangePhase.REQUESTED, null, NOW));
		dispatcher.dispatchDue();
		publishCommitted(new ChangePhaseChanged("CHG-3", "normal", null, ChangePhase.REQUESTED, null, NOW));
		PIPELINE.reset();
	}

	@Test
	void changeManagersListDeliveriesNewestFirstWithoutUrlsOrSecrets() throws Exception {
		mvc.perform(as("demo", get(URL)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[*].changeId").value(contains("CHG-3", "CHG-3", "CHG-2", "CHG-2", "CHG-1")))
			.andExpect(jsonPath("$[*].subscription")
				.value(contains("audit", "pipeline", "audit", "pipeline", "pipeline")))
			.andExpect(jsonPath("$[*].status").value(contains("pending", "pending", "delivered", "delivered",
					"failed")))
			.andExpect(jsonPath("$[4].id").value(failed))
			.andExpect(jsonPath("$[4].type").value("change.gate"))
			.andExpect(jsonPath("$[4].attempts").value(4))
			.andExpect(jsonPath("$[4].lastStatusCode").value(500))
			.andExpect(jsonPath("$[4].lastError").value("HTTP 500"))
			.andExpect(jsonPath("$[4].createdAt").value("2026-11-21T09:00:00Z"))
			.andExpect(jsonPath("$[4].payload.id").value(failed))
			.andExpect(jsonPath("$[4].payload.data.state").value("allowed"))
			.andExpect(jsonPath("$[2].deliveredAt").value("2026-11-21T09:06:00Z"))
			.andExpect(content().string(not(containsString(PIPELINE_SECRET))))
			.andExpect(content().string(not(containsString(AUDIT_SECRET))))
			.andExpect(content().string(not(containsString("127.0.0.1"))));
	}

	@Test
	void filtersByStatusAndChangeAndLimitsTheCount() throws Exception {
		mvc.perform(as("demo", get(URL).param("status", "failed")))
			.andExpect(jsonPath("$[*].id").value(contains(failed)));
		mvc.perform(as("demo", get(URL).param("changeId", "CHG-2")))
			.andExpect(jsonPath("$[*].subscription").value(contains("audit", "pipeline")));
		mvc.perform(as("demo", get(URL).param("status", "pending").param("changeId", "CHG-2")))
			.andExpect(content().json("[]"));
		mvc.perform(as("demo", get(URL).param("status", "delivered").param("limit", "1")))
			.andExpect(jsonPath("$[*].changeId").value(contains("CHG-2")))
			.andExpect(jsonPath("$[0].subscription").value("audit"));
	}

	@Test
	void aChangeManagerRetriesAFailedDeliveryWhichIsThenSentUnderItsOwnId() throws Exception {
		clockAt(Duration.ofHours(2));
		mvc.perform(as("demo", post(URL + "/" + failed + "/retry")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(failed))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.attempts").value(0))
			.andExpect(jsonPath("$.nextAttemptAt").value("2026-11-21T11:00:00Z"));

		dispatcher.dispatchDue();
		assertThat(PIPELINE.requests()).extracting(request -> request.header("X-Changeflow-Delivery"))
			.contains(failed);
		assertThat(deliveries.find(failed).orElseThrow().status()).isEqualTo(Delivery.Status.DELIVERED);

		problem(mvc.perform(as("demo", post(URL + "/" + failed + "/retry"))), 409).andExpect(jsonPath("$.detail")
			.value("Webhook delivery " + failed + " is delivered; only a failed one is retried"));
		problem(mvc.perform(as("demo", post(URL + "/no-such-delivery/retry"))), 404)
			.andExpect(jsonPath("$.detail").value("No webhook delivery no-such-delivery"));
	}

	@Test
	void anonymousCallersAreAskedToAuthenticate() throws Exception {
		problem(mvc.perform(get(URL)), 401);
		problem(mvc.perform(post(URL + "/" + failed + "/retry")), 401);
		assertThat(deliveries.find(failed).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
	}

	@Test
	void onlyChangeManagersSeeOrRetryDeliveries() throws Exception {
		String detail = "alice is not a member of change-managers: only change managers see and retry webhook"
				+ " deliveries";
		problem(mvc.perform(as("alice", get(URL))), 403).andExpect(jsonPath("$.detail").value(detail));
		problem(mvc.perform(as("alice", post(URL + "/" + failed + "/retry"))), 403)
			.andExpect(jsonPath("$.detail").value(detail));
		assertThat(deliveries.find(failed).orElseThrow().status()).isEqualTo(Delivery.Status.FAILED);
	}

	@Test
	void anUnknownStatusOrALimitOutsideOneToFiveHundredIsABadRequest() throws Exception {
		problem(mvc.perform(as("demo", get(URL).param("status", "lost"))), 400)
			.andExpect(jsonPath("$.detail").value("status must be pending, delivered or failed, was 'lost'"));
		for (String limit : new String[] { "0", "501", "many" }) {
			problem(mvc.perform(as("demo", get(URL).param("limit", limit))), 400)
				.andExpect(jsonPath("$.detail").value("limit must be a whole number from 1 to 500"))
				.andExpect(jsonPath("$.instance").value(URL));
		}
	}

	// password = user id (demo identity)
	private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
		var headers = new HttpHeaders();
		headers.setBasicAuth(user, user);
		return request.headers(headers);
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

}
