package io.changeflow.emergency;

import static io.changeflow.emergency.EmergencyChanges.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

import java.util.Date;
import java.util.List;
import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/**
 * {@code /api/changes/{changeId}/actions}: implementers document an emergency from a terminal. Who calls is set as the
 * engine's authentication, as the API authentication filter does, so these tests need no filter.
 */
@AppTest
class ActionLogApiTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	IdentityService identity;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private MockMvc mvc;

	private EmergencyChanges emergencies;

	private ProcessInstance change;

	@BeforeEach
	void setUp() {
		mvc = webAppContextSetup(context).build();
		emergencies = new EmergencyChanges(engine, notifications, jdbc);
		emergencies.begin(engine);
		change = emergencies.declare("olivia", Map.of());
	}

	@AfterEach
	void tearDown() {
		emergencies.end();
	}

	@Test
	void anImplementerAppendsAnEntryWhichTheProcessShowsAtOnce() throws Exception {
		ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(120)));
		as("leo", "implementers");
		mvc.perform(entry("Drained validator 3"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.changeId").value(change.getBusinessKey()))
			.andExpect(jsonPath("$.author").value("leo"))
			.andExpect(jsonPath("$.at").value("2026-11-21T09:02:00Z"))
			.andExpect(jsonPath("$.entry").value("Drained validator 3"))
			.andExpect(jsonPath("$.id").isNotEmpty());
		ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(180)));
		// the declarer may document too, whatever their groups
		as("olivia");
		mvc.perform(entry("  Paged the node team  ")).andExpect(status().isCreated());
		identity.clearAuthentication();

		assertThat(runtime.getVariable(change.getId(), "actionLog"))
			.isEqualTo("2026-11-21T09:02:00Z leo: Drained validator 3\n2026-11-21T09:03:00Z olivia: Paged the node team");
		as("alice", "requesters");
		mvc.perform(get(url(change.getBusinessKey())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].entry").value(org.hamcrest.Matchers.contains("Drained validator 3",
					"Paged the node team")))
			.andExpect(jsonPath("$[*].author").value(org.hamcrest.Matchers.contains("leo", "olivia")));
	}

	@Test
	void entriesCanNeitherBeChangedNorDeleted() throws Exception {
		as("leo", "implementers");
		mvc.perform(entry("Drained validator 3")).andExpect(status().isCreated());

		mvc.perform(put(url(change.getBusinessKey())).contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isMethodNotAllowed());
		mvc.perform(delete(url(change.getBusinessKey()))).andExpect(status().isMethodNotAllowed());
		assertThat(jdbc.sql("select entry from cf_action_log where change_id = ?").param(change.getBusinessKey())
			.query(String.class).list()).containsExactly("Drained validator 3");
	}

	@Test
	void nobodyAuthenticatedIsAskedToAuthenticate() throws Exception {
		problem(mvc.perform(entry("x")), 401).andExpect(jsonPath("$.detail").value("Authentication required"));
		problem(mvc.perform(get(url(change.getBusinessKey()))), 401);
	}

	@Test
	void onlyImplementersIncidentCommandersAndTheDeclarerDocument() throws Exception {
		as("alice", "requesters");
		problem(mvc.perform(entry("I was there")), 403).andExpect(jsonPath("$.detail")
			.value("alice is not a member of implementers or incident-commanders nor the declarer of " + change.getBusinessKey()
					+ ": cannot document its actions"));
		as("ivan", "cab-engineering-lead", "incident-commanders");
		mvc.perform(entry("Approved the rollout verbally")).andExpect(status().isCreated());
	}

	@Test
	void anUnknownChangeIsNotFound() throws Exception {
		as("leo", "implementers");
		problem(mvc.perform(post(url("no-such-change")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"entry\": \"x\"}")), 404);
		problem(mvc.perform(get(url("no-such-change"))), 404);
	}

	@Test
	void blankAndOverlongEntriesAreBadRequests() throws Exception {
		as("leo", "implementers");
		problem(mvc.perform(entry("   ")), 400).andExpect(jsonPath("$.detail")
			.value("entry is required: what was done, observed or decided"));
		problem(mvc.perform(post(url(change.getBusinessKey())).contentType(MediaType.APPLICATION_JSON).content("{}")), 400);
		problem(mvc.perform(entry("x".repeat(4001))), 400).andExpect(jsonPath("$.detail")
			.value("entry is longer than 4000 characters"));
	}

	@Test
	void theLogClosesOnceTheEmergencyIsPastItsImplementation() throws Exception {
		emergencies.implement(change, "success");
		as("leo", "implementers");
		// implementation done, documentation still open: late entries are welcome
		mvc.perform(entry("Verified block production")).andExpect(status().isCreated());
		identity.clearAuthentication();
		emergencies.document(change, "heidi", "Done", true);

		as("leo", "implementers");
		problem(mvc.perform(entry("Too late")), 409).andExpect(jsonPath("$.detail")
			.value("Emergency change " + change.getBusinessKey() + " is past its implementation; its action log is closed"));
		mvc.perform(get(url(change.getBusinessKey()))).andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
	}

	private void as(String user, String... groups) {
		identity.setAuthentication(user, List.of(groups));
	}

	private MockHttpServletRequestBuilder entry(String text) {
		return post(url(change.getBusinessKey())).contentType(MediaType.APPLICATION_JSON)
			.content("{\"entry\": \"" + text + "\"}");
	}

	private static String url(String changeId) {
		return "/api/changes/" + changeId + "/actions";
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

}
