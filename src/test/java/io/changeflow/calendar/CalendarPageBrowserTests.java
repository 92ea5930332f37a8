package io.changeflow.calendar;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.changeflow.AppTest;
import io.changeflow.Chromium;
import io.changeflow.policy.ChangeContext;
import io.changeflow.policy.DeclareFreeze;
import io.changeflow.policy.DeploymentBookings;
import io.changeflow.policy.DeploymentWindow;
import io.changeflow.policy.FreezeRegistry;
import io.changeflow.policy.Slot;
import io.changeflow.policy.SlotPlanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engineer signed in to Tasklist opens the change calendar in the same headless Chromium, with the real policy
 * behind it: the holiday freeze, declared and post-incident freezes, booked changes and the deployment windows, by
 * month and by week.
 */
@AppTest
class CalendarPageBrowserTests {

	private static final String FREEZE = "Holiday freeze";

	@RegisterExtension
	static final Chromium chromium = new Chromium("calendar");

	private static boolean loggedIn;

	@LocalServerPort
	private int port;

	@Autowired
	private Clock clock;

	@Autowired
	private SlotPlanner planner;

	@Autowired
	private DeploymentBookings bookings;

	@Autowired
	private FreezeRegistry freezes;

	@Autowired
	private JdbcClient jdbc;

	// the page shows every booking and freeze: each test sees its own alone, and leaves the holiday freeze alone
	@BeforeEach
	@AfterEach
	void forgetBookingsAndFreezes() {
		this.jdbc.sql("delete from cf_booking").update();
		this.jdbc.sql("delete from cf_freeze").update();
	}

	/** The calendar trusts the Tasklist login of the same browser: no second login. */
	@BeforeEach
	void logInToTasklist() {
		if (loggedIn) {
			return;
		}
		chromium.logInToTasklist(url(""), "leo");
		loggedIn = true;
	}

	@Test
	void theHolidayFreezeRunsFromDecemberToTheFifthOfJanuary() throws IOException {
		chromium.driver().get(url("/calendar?view=month&date=2026-12-01"));
		assertThat(heading()).isEqualTo("December 2026");
		assertThat(entries("2026-12-19")).isEmpty();
		// the kind is shown in capitals (CSS); one line each
		assertThat(entries("2026-12-22")).containsExactly("FREEZE\nHoliday freeze\nall day\n"
				+ "Still allowed: emergency only; reason: year-end holidays\n2026-12-20 – 2027-01-05 UTC");
		assertThat(windows("2026-12-22")).containsExactly("Low-traffic 02:00–06:00", "Business hours 14:00–18:00");
		assertThat(chromium.driver().findElement(By.cssSelector("[aria-label='Deployment windows']")).getText())
			.contains("Low-traffic 02:00–06:00: Low-traffic window 02:00–06:00 UTC, for significant, high and critical risk changes");
		chromium.screenshot("calendar-december-2026.png");

		chromium.click(By.cssSelector("nav a[rel='next']"));
		chromium.until(ExpectedConditions.textToBe(By.id("period"), "January 2027"));
		assertThat(chromium.driver().getCurrentUrl()).endsWith("/calendar?view=month&date=2027-01-01");
		assertThat(entries("2026-12-28")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-05")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-06")).isEmpty();
		assertThat(windows("2027-01-06")).containsExactly("Low-traffic 02:00–06:00", "Business hours 14:00–18:00");
		chromium.screenshot("calendar-january-2027.png");

		chromium.click(By.cssSelector("nav a[rel='prev']"));
		chromium.until(ExpectedConditions.textToBe(By.id("period"), "December 2026"));
	}

	@Test
	void theWeekViewAndItsNavigation() throws IOException {
		chromium.driver().get(url("/calendar?view=month&date=2027-01-01"));
		chromium.click(By.linkText("Week"));
		chromium.until(ExpectedConditions.textToBe(By.id("period"), "Week 53 of 2026: 28 Dec 2026 – 3 Jan 2027"));
		assertThat(chromium.driver().findElement(By.linkText("Week")).getDomAttribute("aria-current"))
			.isEqualTo("page");
		for (String day : List.of("2026-12-28", "2026-12-31", "2027-01-01", "2027-01-03")) {
			assertThat(entries(day)).as(day).singleElement().asString().contains(FREEZE, "all day");
			assertThat(windows(day)).as(day).hasSize(2);
		}

		chromium.click(By.cssSelector("nav a[rel='next']"));
		chromium.until(ExpectedConditions.textToBe(By.id("period"), "Week 1 of 2027: 4 Jan 2027 – 10 Jan 2027"));
		assertThat(entries("2027-01-04")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-05")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-06")).isEmpty();
		chromium.screenshot("calendar-week-1-2027.png");

		chromium.click(By.cssSelector("nav a[rel='prev']"));
		chromium.until(ExpectedConditions.textToBe(By.id("period"), "Week 53 of 2026: 28 Dec 2026 – 3 Jan 2027"));
		chromium.click(By.linkText("Month"));
		chromium.until(ExpectedConditions.textToBe(By.id("period"), "December 2026"));

		chromium.click(By.linkText("Today"));
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		chromium.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("td[aria-current='date']")));
		assertThat(chromium.driver()
			.findElement(By.cssSelector("td[aria-current='date'] time"))
			.getDomAttribute("datetime")).isEqualTo(today.toString());
	}

	@Test
	void whatThePolicyDecidedIsOnTheCalendar() throws IOException {
		// a change requested for Dec 22: the planner moves it past the holiday freeze, as "Schedule change" does
		var change = new ChangeContext("normal", "change-1", "changeflow", "production", Set.of());
		Slot slot = this.planner.earliestSlot(Instant.parse("2026-12-22T00:00:00Z"), DeploymentWindow.ANY_TIME, change);
		this.bookings.book("change-1", "Rotate TLS certificates", "changeflow", "production", slot);
		this.freezes.declarePostIncident("INC-42", Instant.parse("2027-01-10T09:00:00Z"), "Database failover", "olivia");
		this.freezes.declare(new DeclareFreeze("Mainnet launch", "Launch day", Instant.parse("2027-02-01T00:00:00Z"),
				Instant.parse("2027-02-03T00:00:00Z"), Set.of("quantumharmony-node"), Set.of()), "demo");

		chromium.driver().get(url("/calendar?view=month&date=2027-01-01"));
		assertThat(entries("2027-01-06")).containsExactly("SCHEDULED CHANGE\nRotate TLS certificates\n"
				+ "00:00–04:00\nchangeflow in production, Any time (24/7) (change change-1)\n"
				+ "2027-01-06 00:00 – 2027-01-06 04:00 UTC");
		assertThat(entries("2027-01-11")).singleElement()
			.asString()
			.contains("Post-incident freeze INC-42", "Still allowed: related fixes for INC-42 only");
		chromium.screenshot("calendar-january-2027-decisions.png");

		chromium.driver().get(url("/calendar?view=week&date=2027-02-01"));
		assertThat(entries("2027-02-02")).singleElement()
			.asString()
			.contains("Mainnet launch", "applies to quantumharmony-node/all environments", "reason: Launch day");
	}

	@Test
	void aBadRequestNamesTheProblem() {
		chromium.driver().get(url("/calendar?view=year&date=2027-01-04"));
		assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Bad calendar request");
		assertThat(chromium.driver().findElement(By.cssSelector("[role='alert']")).getText())
			.isEqualTo("Unknown view 'year': use view=week or view=month.");
	}

	/** The freezes and changes shown on one day, each as its visible text. */
	private static List<String> entries(String date) {
		return day(date).findElements(By.cssSelector("li.entry")).stream().map(WebElement::getText).toList();
	}

	/** The deployment-window bands of one day, e.g. "Low-traffic 02:00–06:00". */
	private static List<String> windows(String date) {
		return day(date).findElements(By.cssSelector("li.window"))
			.stream()
			.map((band) -> band.getText().replaceAll("\\s+", " "))
			.toList();
	}

	private static WebElement day(String date) {
		return chromium.driver().findElement(By.xpath("//td[.//time[@datetime='" + date + "']]"));
	}

	private static String heading() {
		return chromium.driver().findElement(By.id("period")).getText();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
