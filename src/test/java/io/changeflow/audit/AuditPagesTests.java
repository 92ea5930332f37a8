package io.changeflow.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit pages as the server renders them, behind the real authentication filter: who may read them, what a
 * trail shows and how, searches good and bad. The browser side is {@code AuditPagesBrowserTests}.
 */
// own in-memory database: a test here breaks a chain on purpose
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:audit-pages;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
class AuditPagesTests {

	private static final String XSS = "Rotate <script>alert('xss')</script> certificates";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private Notifications notifications;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditTrail trail;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void anAuditorReadsTheWholeTrailInWordsWithItsChainsIntact() throws Exception {
		ProcessInstance change = changes.scheduled(Map.of("title", "Rotate TLS certificates"));
		String id = change.getBusinessKey();

		mvc.perform(as("audrey", get("/audit/" + id)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(allOf(containsString("<h1>Audit trail of " + id + "</h1>"),
					containsString("<p class=\"lead\" id=\"title\">Rotate TLS certificates</p>"),
					containsString("<dt>Requester</dt><dd>alice</dd>"),
					containsString("<dt>Category</dt><dd>normal</dd>"),
					containsString("<strong>intact</strong>"), not(containsString("<strong>broken</strong>")),
					containsString("<code>" + id + "</code>"), containsString("<code>" + id + "/deployment</code>"),
					containsString("<span>Alice requested the change: Rotate TLS certificates</span>"),
					containsString("<span>Carol completed Review change (peer review): approve</span>"),
					containsString(
							"<span>Judy completed Approve change in CAB (security representative): approve</span>"),
					containsString("<span>Phase changed from in-review to awaiting-cab</span>"),
					containsString("<span>Deployment gate for production: prevented</span>"),
					containsString(">Carol Demo (carol)</td>"), containsString(">engine</td>"),
					containsString("<dt>decision</dt>"), containsString("<dd>approve</dd>"))));
		// a change manager too
		mvc.perform(as("demo", get("/audit/" + id))).andExpect(status().isOk());
	}

	@Test
	void everythingPeopleEnteredIsShownAsTextNeverAsMarkup() throws Exception {
		ProcessInstance change = changes.approvedByReviewers(changes.request("alice", Map.of("title", XSS)));
		String id = change.getBusinessKey();

		mvc.perform(as("audrey", get("/audit/" + id)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("Rotate &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; certificates"),
					not(containsString("<script>")))));
		mvc.perform(as("audrey", get("/audit").param("from", "2026-11-21").param("to", "2026-11-21")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(">" + id + "</a>"),
					containsString("<td>Rotate &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; certificates</td>"),
					not(containsString("<script>")))));
		// what a searcher typed is shown back as text too
		mvc.perform(as("audrey", get("/audit").param("id", "<script>alert(1)</script>")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(allOf(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
					not(containsString("<script>")))));
	}

	@Test
	void onlyChangeManagersAndAuditorsAreLetIn() throws Exception {
		String id = changes.request("alice", Map.of()).getBusinessKey();
		for (String path : new String[] { "/audit", "/audit/" + id }) {
			mvc.perform(as("alice", get(path)))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith("text/html"))
				.andExpect(content().string(allOf(containsString("<h1>No access to the audit trail</h1>"),
						containsString("alice is not a member of change-managers or auditors: only change managers "
								+ "and auditors read the audit trail."),
						not(containsString(id + "/deployment")))));
			mvc.perform(get(path))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", "Basic realm=\"changeflow\""));
		}
	}

	@Test
	void aChangeIsFoundByItsIdInAnyCase() throws Exception {
		String id = changes.request("alice", Map.of()).getBusinessKey();

		mvc.perform(as("audrey", get("/audit").param("id", "  " + id.toLowerCase() + " ")))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/audit/" + id));
		mvc.perform(as("audrey", get("/audit/" + id.toLowerCase())))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/audit/" + id));
		mvc.perform(as("audrey", get("/audit").param("id", "CHG-2099-9999")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(allOf(containsString("There is no audit trail for ‘CHG-2099-9999’."),
					containsString("value=\"CHG-2099-9999\""))));
		mvc.perform(as("audrey", get("/audit/CHG-2099-9999")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("There is no audit trail for ‘CHG-2099-9999’.")));
	}

	@Test
	void badSearchesAreNamedOnThePage() throws Exception {
		mvc.perform(as("audrey", get("/audit").param("id", " ")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("<li>Enter a change id, e.g. CHG-2026-0001.</li>")));
		mvc.perform(as("audrey", get("/audit").param("id", "X".repeat(65))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("A change id has at most 64 characters")));
		// every problem at once
		mvc.perform(as("audrey", get("/audit").param("from", "2026-13-01").param("to", "yesterday").param("page", "0")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(
					containsString("<li>From: ‘2026-13-01’ is not a date; use yyyy-MM-dd, e.g. 2026-11-21.</li>"),
					containsString("<li>To: ‘yesterday’ is not a date; use yyyy-MM-dd, e.g. 2026-11-21.</li>"),
					containsString("<li>Page: ‘0’ is not a page number (1, 2, 3 …).</li>"),
					not(containsString("<table")))));
		mvc.perform(as("audrey", get("/audit").param("from", "2026-11-22").param("to", "2026-11-21")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(
					containsString("<li>From (2026-11-22) is after To (2026-11-21): the range would be empty.</li>")));
		mvc.perform(as("audrey", get("/audit").param("from", "2026-11-22")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(
					containsString("<li>To is missing: give both dates as yyyy-MM-dd, e.g. 2026-11-21.</li>")));
		mvc.perform(as("audrey", get("/audit").param("from", "+10000-01-01").param("to", "2026-11-21")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("From: ‘+10000-01-01’ is not a date")));
	}

	@Test
	void theDateSearchListsTheChangesActiveThenAndPages() throws Exception {
		String id = changes.request("bob", Map.of("title", "Bump the gateway")).getBusinessKey();

		// by default the last 7 days (UTC); the engine clock is at Changes.NOW
		mvc.perform(as("audrey", get("/audit")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(
					containsString("Changes with audit activity from 2026-11-15 to 2026-11-21"),
					containsString("value=\"2026-11-15\""), containsString("value=\"2026-11-21\""),
					containsString("<a href=\"/audit/" + id + "\">" + id + "</a>"),
					containsString("<td>Bump the gateway</td>"), containsString("<td>bob</td>"),
					containsString("<td>normal</td>"), containsString("2026-11-21 09:00:00"))));
		mvc.perform(as("audrey", get("/audit").param("from", "2026-11-22").param("to", "2026-11-30")))
			.andExpect(status().isOk())
			// its link, not its id: the search form's example id may be this very id ("CHG-2026-0001")
			.andExpect(content().string(allOf(containsString("No change has audit activity in these days."),
					not(containsString("href=\"/audit/" + id + "\"")))));
		mvc.perform(as("audrey", get("/audit").param("from", "2026-11-21").param("to", "2026-11-21").param("page",
				"999")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Page 999 is past the last page")));
	}

	@Test
	void aLongListComesInPagesOf25() throws Exception {
		// a day no other test writes to
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-10-01T12:00:00Z")));
		for (int i = 1; i <= 30; i++) {
			trail.append(AuditRecord.of("CHG-2026-%04d".formatted(9000 + i), "change.requested", "bob",
					AuditRecord.details("title", "Change " + i, "requester", "bob", "changeCategory", "standard")));
		}
		var october = get("/audit").param("from", "2026-10-01").param("to", "2026-10-01");

		mvc.perform(as("audrey", october))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<span>Changes 1–25 of 30,</span>"),
					containsString(">CHG-2026-9001</a>"), containsString(">CHG-2026-9025</a>"),
					not(containsString(">CHG-2026-9026</a>")), containsString("Page 1 of 2"),
					containsString("href=\"/audit?from=2026-10-01&amp;to=2026-10-01&amp;page=2\">Next"),
					not(containsString("rel=\"prev\"")))));
		mvc.perform(as("audrey", october.param("page", "2")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<span>Changes 26–30 of 30,</span>"), containsString(">CHG-2026-9030</a>"),
					not(containsString(">CHG-2026-9025</a>")), containsString("Page 2 of 2"),
					containsString("rel=\"prev\""), not(containsString("rel=\"next\"")))));
	}

	@Test
	void aBrokenChainIsNamedAndItsFirstBrokenRowMarked() throws Exception {
		String id = changes.approvedByReviewers(changes.request("alice", Map.of())).getBusinessKey();
		// someone edits a decision in the database
		jdbc.sql("update cf_audit_event set details = replace(details, 'approve', 'reject') "
				+ "where chain_id = ? and event_type = 'task.completed'")
			.param(id)
			.update();
		int seq = jdbc.sql("select min(seq) from cf_audit_event where chain_id = ? and event_type = 'task.completed'")
			.param(id)
			.query(Integer.class)
			.single();

		mvc.perform(as("audrey", get("/audit/" + id)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<strong>broken</strong>"),
					containsString("Broken: row " + seq + " was changed: its content no longer matches its hash."),
					containsString("<a href=\"#row-" + id + "-" + seq + "\">Show the row</a>"),
					containsString("<tr id=\"row-" + id + "-" + seq + "\" class=\"faulty\""),
					containsString("<strong> (first broken link)</strong>"),
					// the deployment chain was not reported broken, but the check stops at the first break
					containsString("<strong>unknown</strong>"))));
	}

	private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
		return request.header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
	}

}
