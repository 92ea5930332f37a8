package io.changeflow.approval;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /api/inbox}: the caller's open tasks, newest first, exactly those the engine lets them see. */
// own in-memory database: the lists hold only this class's changes
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:inbox-api;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
class InboxApiTests {

	private static final String URL = "/api/inbox";

	@Autowired
	MockMvc mvc;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskService tasks;

	@Autowired
	AuthorizationService authorizations;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		engine.getRuntimeService().createProcessInstanceQuery().list().forEach(instance -> engine.getRuntimeService()
			.deleteProcessInstance(instance.getId(), "the next test starts from an empty inbox"));
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void aReviewerSeesTheReviewsOfTheirGroupNewestFirstWithTheirChange() throws Exception {
		ProcessInstance older = changes.request("alice", Map.of());
		ClockUtil.setCurrentTime(Date.from(Changes.NOW.plus(Duration.ofMinutes(1))));
		ProcessInstance newer = changes.request("alice", Map.of());

		mvc.perform(as("carol", get(URL)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			// a documentation change has one peer review
			.andExpect(jsonPath("$[*].changeId").value(contains(newer.getBusinessKey(), older.getBusinessKey())))
			.andExpect(jsonPath("$[*].name").value(everyItem(startsWith("Review change"))))
			.andExpect(jsonPath("$[0].created").value("2026-11-21T09:01:00Z"))
			.andExpect(jsonPath("$[0].tasklist").value(endsWith("/camunda/app/tasklist/default/#/?task="
					+ openReviews(newer).get(0).getId())));
		mvc.perform(as("carol", get(URL).param("limit", "1")))
			.andExpect(jsonPath("$[*].changeId").value(contains(newer.getBusinessKey())));
		mvc.perform(as("bob", get(URL))).andExpect(status().isOk()).andExpect(content().json("[]"));
	}

	@Test
	void aTaskClaimedBySomeoneElseLeavesTheGroupsInboxAndIsTheirs() throws Exception {
		ProcessInstance change = changes.request("alice", Map.of());
		Task review = openReviews(change).get(0);
		tasks.claim(review.getId(), "dave");

		mvc.perform(as("carol", get(URL))).andExpect(jsonPath("$[*].id").value(not(hasItem(review.getId()))));
		mvc.perform(as("dave", get(URL)))
			.andExpect(jsonPath("$[?(@.id == '" + review.getId() + "')].assignee").value(contains("dave")));
	}

	// the pre-selection offers the task; the engine's authorization check hides it, as Tasklist would
	@Test
	void aTaskTheEngineHidesFromTheCallerStaysHiddenAndTheNextOneFillsThePage() throws Exception {
		ProcessInstance older = changes.request("alice", Map.of());
		ClockUtil.setCurrentTime(Date.from(Changes.NOW.plus(Duration.ofMinutes(1))));
		ProcessInstance newer = changes.request("alice", Map.of());
		for (Task review : openReviews(newer)) {
			authorizations.createAuthorizationQuery()
				.resourceType(Resources.TASK)
				.resourceId(review.getId())
				.list()
				.forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
		}

		mvc.perform(as("carol", get(URL).param("limit", "1")))
			.andExpect(jsonPath("$[*].changeId").value(contains(older.getBusinessKey())));
	}

	@Test
	void aLimitOutsideOneTo200IsAProblem() throws Exception {
		for (String limit : List.of("0", "201", "ten")) {
			mvc.perform(as("carol", get(URL).param("limit", limit)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value("limit must be a whole number from 1 to 200."));
		}
		mvc.perform(get(URL)).andExpect(status().isUnauthorized());
	}

	private List<Task> openReviews(ProcessInstance change) {
		return tasks.createTaskQuery().processInstanceId(change.getId()).orderByTaskId().asc().list();
	}

	// password = user id (demo identity)
	private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
		var headers = new HttpHeaders();
		headers.setBasicAuth(user, user);
		return request.headers(headers);
	}

}
