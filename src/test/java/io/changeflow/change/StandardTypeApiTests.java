package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.changeflow.AppTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

/** /api/standard-types: everyone authenticated sees each type's standing; change managers re-approve. */
@AppTest
class StandardTypeApiTests {

	private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	@Autowired
	WebApplicationContext context;

	@Autowired
	IdentityService identity;

	@Autowired
	StandardTypes types;

	@Autowired
	JdbcClient jdbc;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		mvc = webAppContextSetup(context).build();
		ClockUtil.setCurrentTime(Date.from(NOW));
		forget();
	}

	@AfterEach
	void tearDown() {
		identity.clearAuthentication();
		ClockUtil.reset();
		forget();
	}

	@Test
	void everyoneAuthenticatedSeesTheTypesAndWhatCountsAgainstThem() throws Exception {
		problem(mvc.perform(get("/api/standard-types")), 401);

		types.recordExecution("CHG-1", StandardType.BUG_FIX, true);
		as("alice", "requesters");
		mvc.perform(get("/api/standard-types"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(StandardType.values().length))
			.andExpect(jsonPath("$[?(@.type == 'bug-fix')].recentFailures[0]").value("CHG-1"))
			.andExpect(jsonPath("$[?(@.type == 'bug-fix')].peerReview").value(true))
			.andExpect(jsonPath("$[?(@.type == 'log-level')].peerReview").value(false));
		problem(mvc.perform(get("/api/standard-types/hotfix")), 404);
	}

	@Test
	void onlyAChangeManagerReapprovesADemotedTypeAndSaysWhy() throws Exception {
		types.recordExecution("CHG-1", StandardType.LOG_LEVEL, true);
		types.recordExecution("CHG-2", StandardType.LOG_LEVEL, true);

		as("alice", "requesters");
		problem(mvc.perform(reapprove("log-level", "{\"reason\": \"fixed\"}")), 403);
		as("demo", "change-managers");
		problem(mvc.perform(reapprove("log-level", "{}")), 400)
			.andExpect(jsonPath("$.detail").value("reason is required to re-approve log-level"));
		problem(mvc.perform(reapprove("documentation", "{\"reason\": \"x\"}")), 409);
		problem(mvc.perform(reapprove("hotfix", "{\"reason\": \"x\"}")), 404);

		mvc.perform(reapprove("log-level", "{\"reason\": \"Logging library pinned\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.demoted").value(false));
		var by = jdbc.sql("select reapproved_by from cf_standard_demotion where standard_type = 'log-level'")
			.query(String.class)
			.single();
		assertThat(by).isEqualTo("demo");
	}

	private static MockHttpServletRequestBuilder reapprove(String type, String body) {
		return post("/api/standard-types/" + type + "/reapprove").contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private void as(String user, String... groups) {
		identity.setAuthentication(user, List.of(groups));
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

	private void forget() {
		jdbc.sql("delete from cf_standard_execution").update();
		jdbc.sql("delete from cf_standard_demotion").update();
	}

}
