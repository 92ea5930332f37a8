package io.changeflow.policy;

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

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup;

/**
 * The policy's REST API. Who calls is set as the engine's authentication, as the API authentication filter does,
 * so these tests need no filter.
 */
@AppTest
class PolicyApiTests {

	private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	private static final String LAUNCH = """
			{"name": "Mainnet launch", "reason": "Launch week", "start": "2026-12-01T00:00:00Z",
			 "end": "2026-12-03T00:00:00Z", "services": ["heliosdb-lite"], "environments": ["production"]}""";

	@Autowired
	WebApplicationContext context;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = webAppContextSetup(this.context).build();
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	@AfterEach
	void tearDown() {
		this.identity.clearAuthentication();
		ClockUtil.reset();
		this.jdbc.sql("delete from cf_freeze").update();
	}

	@Test
	void anonymousCallersAreAskedToAuthenticate() throws Exception {
		problem(this.mvc.perform(get("/api/freezes")), 401)
			.andExpect(jsonPath("$.detail").value("Authentication required"));
		problem(this.mvc.perform(json(post("/api/freezes"), LAUNCH)), 401);
		problem(this.mvc.perform(get("/api/schedule/slots?changeType=feature&risk=high")), 401);
	}

	@Test
	void onlyChangeManagersDeclareOrEndFreezes() throws Exception {
		as("alice", "requesters");
		problem(this.mvc.perform(json(post("/api/freezes"), LAUNCH)), 403).andExpect(jsonPath("$.detail")
			.value("alice is not a member of change-managers: only change managers declare and end freezes"));
		problem(this.mvc.perform(json(post("/api/incidents"), "{\"incident\": \"INC-1\", \"summary\": \"Outage\"}")),
				403);
		problem(this.mvc.perform(post("/api/freezes/any/end")), 403);
		this.mvc.perform(get("/api/freezes")).andExpect(status().isOk());
	}

	@Test
	void aChangeManagerDeclaresAFreezeThatEveryoneSees() throws Exception {
		as("demo", "change-managers");
		String location = this.mvc.perform(json(post("/api/freezes"), LAUNCH))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("http://localhost/api/freezes/")))
			.andExpect(jsonPath("$.kind").value("DECLARED"))
			.andExpect(jsonPath("$.name").value("Mainnet launch"))
			.andExpect(jsonPath("$.start").value("2026-12-01T00:00:00Z"))
			.andExpect(jsonPath("$.scope.services", contains("heliosdb-lite")))
			.andReturn()
			.getResponse()
			.getHeader("Location");

		as("alice", "requesters");
		this.mvc.perform(get(location)).andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("Launch week"));
		this.mvc.perform(get("/api/freezes?from=2026-11-21T00:00:00Z&to=2027-01-10T00:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].kind", contains("DECLARED", "HOLIDAY")))
			.andExpect(jsonPath("$[1].start").value("2026-12-20T00:00:00Z"));
		// by default from now to the end of the planner's lookahead (90 days: this year's holiday freeze)
		this.mvc.perform(get("/api/freezes")).andExpect(jsonPath("$[*].kind", contains("DECLARED", "HOLIDAY")));
	}

	@Test
	void aRefusedDeclarationListsEveryProblem() throws Exception {
		as("demo", "change-managers");
		problem(this.mvc.perform(json(post("/api/freezes"), """
				{"name": " ", "reason": "Launch week", "start": "2026-12-03T00:00:00Z",
				 "end": "2026-12-01T00:00:00Z", "services": ["payments-api"]}""")), 400)
			.andExpect(jsonPath("$.title").value("Refused by the change policy"))
			.andExpect(jsonPath("$.problems", contains("name is required",
					"unknown service 'payments-api'; known: heliosdb-lite, quantumharmony-node,"
							+ " quantumharmony-runtime, changeflow",
					"end 2026-12-01T00:00Z is not after start 2026-12-03T00:00Z (inverted period)")));
		problem(this.mvc.perform(json(post("/api/freezes"), "{\"start\": \"tomorrow\"}")), 400);
	}

	@Test
	void listingParametersAreChecked() throws Exception {
		as("alice", "requesters");
		problem(this.mvc.perform(get("/api/freezes?from=yesterday&to=2027")), 400)
			.andExpect(jsonPath("$.problems", contains(
					"from: 'yesterday' is not an ISO-8601 timestamp with offset, e.g. 2027-01-06T02:00:00Z",
					"to: '2027' is not an ISO-8601 timestamp with offset, e.g. 2027-01-06T02:00:00Z")));
		problem(this.mvc.perform(get("/api/freezes?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")), 400)
			.andExpect(jsonPath("$.problems", contains("to must be after from")));
	}

	@Test
	void endingAFreezeWorksOnce() throws Exception {
		as("demo", "change-managers");
		String id = this.mvc.perform(json(post("/api/freezes"), LAUNCH))
			.andReturn()
			.getResponse()
			.getHeader("Location")
			.replaceAll(".*/", "");

		this.mvc.perform(post("/api/freezes/" + id + "/end"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.end").value("2026-12-01T00:00:00Z"));
		problem(this.mvc.perform(post("/api/freezes/" + id + "/end")), 409)
			.andExpect(jsonPath("$.title").value("Freeze already ended"));
		problem(this.mvc.perform(post("/api/freezes/nope/end")), 404)
			.andExpect(jsonPath("$.detail").value("No declared or post-incident freeze has the id 'nope'"));
		problem(this.mvc.perform(get("/api/freezes/nope")), 404);
	}

	@Test
	void anIncidentFreezesEverythingButRelatedFixesFor48Hours() throws Exception {
		as("ivan", "incident-commanders", "change-managers");
		this.mvc.perform(json(post("/api/incidents"), "{\"incident\": \"INC-42\", \"summary\": \"Database outage\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("http://localhost/api/freezes/")))
			.andExpect(jsonPath("$.kind").value("POST_INCIDENT"))
			.andExpect(jsonPath("$.incident").value("INC-42"))
			.andExpect(jsonPath("$.start").value("2026-11-21T09:00:00Z"))
			.andExpect(jsonPath("$.end").value("2026-11-23T09:00:00Z"));
		problem(this.mvc.perform(json(post("/api/incidents"),
				"{\"incident\": \"INC-42\", \"summary\": \"Again\", \"declaredAt\": \"2026-11-21T10:00:00Z\"}")), 400)
			.andExpect(jsonPath("$.problems[0]", startsWith("incident INC-42 already has a post-incident freeze")));
	}

	@Test
	void slotsSkipTheHolidayFreezeAndSayWhy() throws Exception {
		as("alice", "requesters");
		this.mvc.perform(get("/api/schedule/slots?changeType=feature&risk=high&from=2026-12-22T00:00:00Z&count=3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(3)))
			.andExpect(jsonPath("$[*].start",
					contains("2027-01-06T02:00:00Z", "2027-01-07T02:00:00Z", "2027-01-08T02:00:00Z")))
			.andExpect(jsonPath("$[0].end").value("2027-01-06T06:00:00Z"))
			.andExpect(jsonPath("$[0].window").value("LOW_TRAFFIC"))
			.andExpect(jsonPath("$[0].reasons",
					hasItem("Holiday freeze 2026-12-20 – 2027-01-05 (emergency only): moved to 2027-01-06T02:00Z")));
	}

	@Test
	void slotsDefaultToFiveFromNow() throws Exception {
		as("alice", "requesters");
		this.mvc.perform(get("/api/schedule/slots?changeType=documentation&risk=low&service=changeflow"
				+ "&environment=production&monitoringHeavy=false&maintenanceWindowRequired=false"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(5)))
			.andExpect(jsonPath("$[0].start").value("2026-11-21T09:00:00Z"))
			.andExpect(jsonPath("$[0].window").value("ANY_TIME"));
	}

	@Test
	void everyBadSlotParameterIsNamed() throws Exception {
		as("alice", "requesters");
		problem(this.mvc.perform(get("/api/schedule/slots?changeType=hotfix&risk=urgent&monitoringHeavy=maybe"
				+ "&maintenanceWindowRequired=1&service=payments-api&environment=prod&from=yesterday&count=51")), 400)
			.andExpect(jsonPath("$.problems", contains(
					"changeType: 'hotfix' is not one of " + ChangeType.allValues(),
					"risk: Unknown risk level 'urgent'; allowed values: LOW, MEDIUM, HIGH, CRITICAL (case-insensitive)",
					"monitoringHeavy: 'maybe' is neither true nor false",
					"maintenanceWindowRequired: '1' is neither true nor false",
					"unknown service 'payments-api'; known: heliosdb-lite, quantumharmony-node,"
							+ " quantumharmony-runtime, changeflow",
					"unknown environment 'prod'; known: production, staging, testnet",
					"from: 'yesterday' is not an ISO-8601 timestamp with offset, e.g. 2027-01-06T02:00:00Z",
					"count: 51 is not between 1 and 50")));
		problem(this.mvc.perform(get("/api/schedule/slots?count=zero")), 400).andExpect(jsonPath("$.problems",
				contains("changeType is required", "risk is required", "count: 'zero' is not a whole number")));
		problem(this.mvc.perform(get("/api/schedule/slots?changeType=feature&risk=low&count=0")), 400)
			.andExpect(jsonPath("$.problems", contains("count: 0 is not between 1 and 50")));
	}

	@Test
	void noSlotWithinTheLookaheadIs400WithThePlannersExplanation() throws Exception {
		as("demo", "change-managers");
		this.mvc.perform(json(post("/api/freezes"), """
				{"name": "Migration", "reason": "Data centre move", "start": "2026-11-21T00:00:00Z",
				 "end": "2027-03-01T00:00:00Z"}""")).andExpect(status().isCreated());

		problem(this.mvc.perform(get("/api/schedule/slots?changeType=feature&risk=high&service=changeflow")), 400)
			.andExpect(jsonPath("$.detail").value("No Low-traffic window 02:00–06:00 UTC slot for a normal change"
					+ " between 2026-11-21T09:00Z and 2027-02-19T09:00Z; refused by Freeze 'Migration'"
					+ " 2026-11-21 – 2027-02-28 (emergency only)"));
	}

	private void as(String user, String... groups) {
		this.identity.setAuthentication(user, List.of(groups));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

}
