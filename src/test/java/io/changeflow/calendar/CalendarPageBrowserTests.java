package io.changeflow.calendar;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.changeflow.Chromium;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engineer signed in to Tasklist opens the change calendar in the same headless Chromium, with the real policy
 * behind it: the holiday freeze and the deployment windows, by month and by week.
 */
// own in-memory database: other Spring test classes use jdbc:h2:mem:changeflow
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:calendar-browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
class CalendarPageBrowserTests {

	private static final String FREEZE = "Holiday freeze";

	@RegisterExtension
	static final Chromium chromium = new Chromium("calendar");

	private static boolean loggedIn;

	@LocalServerPort
	private int port;

	@Autowired
	private Clock clock;

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
			.contains("Low-traffic 02:00–06:00: Low-traffic window 02:00–06:00 UTC, for high and critical risk changes");
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
