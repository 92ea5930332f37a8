package io.changeflow.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.changeflow.calendar.CalendarEntry.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The page as the server renders it; authentication is {@code ApiAuthenticationTests}' concern. */
@WebMvcTest(CalendarController.class)
class CalendarControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void theDefaultIsThisMonthInUtc() throws Exception {
		this.mvc.perform(get("/calendar"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(allOf(containsString("<h2 id=\"period\" tabindex=\"-1\">November 2026</h2>"),
					containsString("<td class=\"day\" aria-current=\"date\">"),
					containsString("<time datetime=\"2026-11-21\">Sat 21 Nov</time>"),
					containsString("<span class=\"today\">(today)</span>"),
					containsString("href=\"/calendar?view=month&amp;date=2026-10-01\""),
					containsString("href=\"/calendar?view=week&amp;date=2026-11-21\""))));
	}

	@Test
	void aWeekShowsItsEntries() throws Exception {
		this.mvc.perform(get("/calendar").param("view", "week").param("date", "2026-11-18"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Week 47 of 2026: 16 Nov 2026 – 22 Nov 2026"),
					containsString("<a class=\"title\" href=\"/changes/42\">Rotate &lt;TLS&gt; certificates</a>"),
					containsString("<span class=\"time\">02:00–04:00</span>"),
					containsString("<span class=\"detail\">payments in production</span>"),
					containsString("<span class=\"span\">2026-11-18 02:00 – 2026-11-18 04:00 UTC</span>"))));
	}

	@Test
	void badParametersGetAPageNamingTheProblem() throws Exception {
		this.mvc.perform(get("/calendar").param("view", "year"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("Unknown view &#39;year&#39;: use view=week or view=month.")));
		this.mvc.perform(get("/calendar").param("view", "week").param("date", "2027-02-30"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString(
					"Invalid date &#39;2027-02-30&#39;: use a calendar date as yyyy-MM-dd, e.g. date=2027-01-04."),
					not(containsString("<table")))));
		this.mvc.perform(get("/calendar").param("date", "<script>"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Invalid date &#39;&lt;script&gt;&#39;")));
	}

	@TestConfiguration
	static class Fixtures {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-11-21T23:30:00Z"), ZoneOffset.UTC);
		}

		@Bean
		CalendarEntries entries() {
			return (from, to) -> List.of(new CalendarEntry(Kind.CHANGE, "Rotate <TLS> certificates",
					"payments in production", Instant.parse("2026-11-18T02:00:00Z"),
					Instant.parse("2026-11-18T04:00:00Z"), "/changes/42"));
		}

	}

}
