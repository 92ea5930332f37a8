package io.changeflow.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /api/notifications}: the caller's own and their groups' notifications, never anyone else's. */
// own in-memory database: each test starts from an outbox it filled itself
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:notification-api;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
class NotificationApiTests {

	private static final String URL = "/api/notifications";

	private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private Notifications notifications;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * One notification a minute after 09:00 UTC, subject = its minute. alice (requesters) is sent 1, 2 and 5; carol
	 * (reviewers) 4; 3, 6 and 7 are for neither: a user named like her group, a group named like her.
	 */
	@BeforeEach
	void outbox() {
		this.jdbc.sql("delete from cf_notification").update();
		send(1, Notification.toUser("alice", "CHG-1", "1", "Your change is scheduled."));
		send(2, Notification.toGroup("requesters", "CHG-2", "2", "A change is scheduled."));
		send(3, Notification.toUser("bob", "CHG-1", "3", "Not for alice."));
		send(4, Notification.toGroup("reviewers", "CHG-1", "4", "Please review."));
		send(5, Notification.toUser("alice", "CHG-2", "5", "Your change has expired."));
		send(6, Notification.toUser("requesters", "CHG-1", "6", "A user, not the group."));
		send(7, Notification.toGroup("alice", "CHG-1", "7", "A group alice is not a member of."));
	}

	@AfterEach
	void resetEngineClock() {
		ClockUtil.reset();
	}

	@Test
	void aUserSeesTheirOwnAndTheirGroupsNotificationsNewestFirst() throws Exception {
		this.mvc.perform(as("alice", get(URL)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[*].subject").value(contains("5", "2", "1")))
			.andExpect(jsonPath("$[0].recipient").value("alice"))
			.andExpect(jsonPath("$[0].recipientType").value("USER"))
			.andExpect(jsonPath("$[0].changeId").value("CHG-2"))
			.andExpect(jsonPath("$[0].body").value("Your change has expired."))
			.andExpect(jsonPath("$[0].sentAt").value("2026-03-02T09:05:00Z"))
			.andExpect(jsonPath("$[1].recipient").value("requesters"))
			.andExpect(jsonPath("$[1].recipientType").value("GROUP"));

		this.mvc.perform(as("carol", get(URL))).andExpect(jsonPath("$[*].subject").value(contains("4")));
		this.mvc.perform(as("ken", get(URL))).andExpect(status().isOk()).andExpect(content().json("[]"));
	}

	@Test
	void filtersByChangeAndLimitsTheCount() throws Exception {
		this.mvc.perform(as("alice", get(URL).param("changeId", "CHG-1")))
			.andExpect(jsonPath("$[*].subject").value(contains("1")));
		this.mvc.perform(as("alice", get(URL).param("changeId", "CHG-2")))
			.andExpect(jsonPath("$[*].subject").value(contains("5", "2")));
		this.mvc.perform(as("alice", get(URL).param("limit", "2")))
			.andExpect(jsonPath("$[*].subject").value(contains("5", "2")));
		this.mvc.perform(as("alice", get(URL).param("changeId", "CHG-2").param("limit", "1")))
			.andExpect(jsonPath("$[*].subject").value(contains("5")));
		this.mvc.perform(as("alice", get(URL).param("limit", "500")))
			.andExpect(jsonPath("$[*].subject").value(contains("5", "2", "1")));
	}

	@Test
	void anonymousCallersAreUnauthorized() throws Exception {
		this.mvc.perform(get(URL))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401));
	}

	@Test
	void aLimitOutsideOneToFiveHundredIsABadRequest() throws Exception {
		for (String limit : new String[] { "0", "-1", "501", "many" }) {
			this.mvc.perform(as("alice", get(URL).param("limit", limit)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Bad Request"))
				.andExpect(jsonPath("$.status").value(400))
				.andExpect(jsonPath("$.detail").value("limit must be a whole number from 1 to 500."))
				.andExpect(jsonPath("$.instance").value(URL));
		}
	}

	// the outbox stamps each notification with the engine's time
	private void send(int minute, Notification notification) {
		ClockUtil.setCurrentTime(Date.from(NINE.plus(Duration.ofMinutes(minute))));
		this.notifications.send(notification);
	}

	// password = user id (demo identity)
	private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
		var headers = new HttpHeaders();
		headers.setBasicAuth(user, user);
		return request.headers(headers);
	}

}
