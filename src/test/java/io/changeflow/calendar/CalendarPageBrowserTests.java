package io.changeflow.calendar;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import io.changeflow.ExternalComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String FREEZE = "Holiday freeze";

	private static WebDriver driver;

	private static WebDriverWait wait;

	private static Path userDataDir;

	private static boolean loggedIn;

	// what the browser showed when the test failed, for whoever has to find out why
	@RegisterExtension
	static final TestWatcher evidenceOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			try {
				screenshot("calendar-failure.png");
				Files.writeString(SCREENSHOTS.resolve("calendar-failure.html"), driver.getPageSource());
			}
			catch (IOException | RuntimeException ex) {
				cause.addSuppressed(ex);
			}
		}
	};

	@LocalServerPort
	private int port;

	@Autowired
	private Clock clock;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		ExternalComponent.require("Chromium", installed ? null : CHROMIUM + " or " + CHROMEDRIVER + " missing");
		userDataDir = Files.createTempDirectory("calendar-browser");
		var options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
				"--user-data-dir=" + userDataDir);
		// an explicit driver executable: Selenium Manager must never try to download one
		var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		wait = new WebDriverWait(driver, Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (driver != null) {
			driver.quit();
		}
		if (userDataDir != null) {
			try (var paths = Files.walk(userDataDir)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	/** The calendar trusts the Tasklist login of the same browser: no second login. */
	@BeforeEach
	void logInToTasklist() {
		if (loggedIn) {
			return;
		}
		driver.get(url("/camunda/app/tasklist/default/"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
			.sendKeys("leo");
		driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("leo");
		driver.findElement(By.cssSelector("button[type='submit']")).click();
		// Tasklist shows its filters once the login has been accepted
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters")));
		loggedIn = true;
	}

	@Test
	void theHolidayFreezeRunsFromDecemberToTheFifthOfJanuary() throws IOException {
		driver.get(url("/calendar?view=month&date=2026-12-01"));
		assertThat(heading()).isEqualTo("December 2026");
		assertThat(entries("2026-12-19")).isEmpty();
		// the kind is shown in capitals (CSS); one line each
		assertThat(entries("2026-12-22")).containsExactly(
				"FREEZE\nHoliday freeze\nall day\nStill allowed: emergency only; reason: year-end holidays\n2026-12-20 – 2027-01-05 UTC");
		assertThat(windows("2026-12-22")).containsExactly("Low-traffic 02:00–06:00", "Business hours 14:00–18:00");
		assertThat(driver.findElement(By.cssSelector("[aria-label='Deployment windows']")).getText())
			.contains("Low-traffic 02:00–06:00: Low-traffic window 02:00–06:00 UTC, for high and critical risk changes");
		screenshot("calendar-december-2026.png");

		click(By.cssSelector("nav a[rel='next']"));
		wait.until(ExpectedConditions.textToBe(By.id("period"), "January 2027"));
		assertThat(driver.getCurrentUrl()).endsWith("/calendar?view=month&date=2027-01-01");
		assertThat(entries("2026-12-28")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-05")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-06")).isEmpty();
		assertThat(windows("2027-01-06")).containsExactly("Low-traffic 02:00–06:00", "Business hours 14:00–18:00");
		screenshot("calendar-january-2027.png");

		click(By.cssSelector("nav a[rel='prev']"));
		wait.until(ExpectedConditions.textToBe(By.id("period"), "December 2026"));
	}

	@Test
	void theWeekViewAndItsNavigation() throws IOException {
		driver.get(url("/calendar?view=month&date=2027-01-01"));
		click(By.linkText("Week"));
		wait.until(ExpectedConditions.textToBe(By.id("period"), "Week 53 of 2026: 28 Dec 2026 – 3 Jan 2027"));
		assertThat(driver.findElement(By.linkText("Week")).getDomAttribute("aria-current")).isEqualTo("page");
		for (String day : List.of("2026-12-28", "2026-12-31", "2027-01-01", "2027-01-03")) {
			assertThat(entries(day)).as(day).singleElement().asString().contains(FREEZE, "all day");
			assertThat(windows(day)).as(day).hasSize(2);
		}

		click(By.cssSelector("nav a[rel='next']"));
		wait.until(ExpectedConditions.textToBe(By.id("period"), "Week 1 of 2027: 4 Jan 2027 – 10 Jan 2027"));
		assertThat(entries("2027-01-04")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-05")).singleElement().asString().contains(FREEZE);
		assertThat(entries("2027-01-06")).isEmpty();
		screenshot("calendar-week-1-2027.png");

		click(By.cssSelector("nav a[rel='prev']"));
		wait.until(ExpectedConditions.textToBe(By.id("period"), "Week 53 of 2026: 28 Dec 2026 – 3 Jan 2027"));
		click(By.linkText("Month"));
		wait.until(ExpectedConditions.textToBe(By.id("period"), "December 2026"));

		click(By.linkText("Today"));
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("td[aria-current='date']")));
		assertThat(driver.findElement(By.cssSelector("td[aria-current='date'] time")).getDomAttribute("datetime"))
			.isEqualTo(today.toString());
	}

	@Test
	void aBadRequestNamesTheProblem() {
		driver.get(url("/calendar?view=year&date=2027-01-04"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Bad calendar request");
		assertThat(driver.findElement(By.cssSelector("[role='alert']")).getText())
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
		return driver.findElement(By.xpath("//td[.//time[@datetime='" + date + "']]"));
	}

	private static String heading() {
		return driver.findElement(By.id("period")).getText();
	}

	private static void click(By locator) {
		wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
