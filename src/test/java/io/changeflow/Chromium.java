package io.changeflow;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headless Chromium of a browser test class, registered as a static {@code @RegisterExtension} field: started
 * before the class's Spring context loads (a missing browser skips the class, see {@link ExternalComponent}) and quit
 * after its last test. A failed test leaves a screenshot and the page source in {@code target/screenshots}.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback, TestWatcher {

	private static final Path BINARY = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	// Tasklist's first load after sign-in fetches filters, tasks and forms; a busy CI machine needs longer than 30 s
	private static final Duration SLOW = Duration.ofSeconds(90);

	private final String name;

	private WebDriver driver;

	private WebDriverWait wait;

	private WebDriverWait slowWait;

	private Path userDataDir;

	/** @param name prefixes the browser profile directory and the failure evidence, e.g. "calendar" */
	public Chromium(String name) {
		this.name = name;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
		ExternalComponent.require("Chromium", installed ? null : BINARY + " or " + DRIVER + " missing");
		this.userDataDir = Files.createTempDirectory(this.name + "-browser");
		var options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
				"--user-data-dir=" + this.userDataDir);
		// an explicit driver executable: Selenium Manager must never try to download one
		var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(30));
		this.slowWait = new WebDriverWait(this.driver, SLOW);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.userDataDir != null) {
			try (var paths = Files.walk(this.userDataDir)) {
				paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	// what the browser showed when the test failed, for whoever has to find out why
	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		try {
			screenshot(this.name + "-failure.png");
			Files.writeString(SCREENSHOTS.resolve(this.name + "-failure.html"), this.driver.getPageSource());
		}
		catch (IOException | RuntimeException ex) {
			cause.addSuppressed(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	/** Waits up to 30 seconds for the condition. */
	public <T> T until(ExpectedCondition<T> condition) {
		return this.wait.until(condition);
	}

	public void click(By locator) {
		WebElement element = until(ExpectedConditions.elementToBeClickable(locator));
		// Tasklist's fixed footer covers elements that Selenium scrolls only to the bottom edge
		((JavascriptExecutor) this.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		element.click();
	}

	/**
	 * Signs in to Tasklist (password = user id) and waits until Tasklist shows its filters. On a loaded machine the
	 * login form can render before AngularJS binds it and a submit then goes out without the typed credentials: the
	 * form stays up with "Login Failed", or nothing happens at all. Both cases sign in again (three tries, the page
	 * loaded afresh after a silent one) instead of failing the test.
	 */
	public void logInToTasklist(String baseUrl, String user) {
		logIn(baseUrl, "tasklist", user, By.cssSelector(".task-filters"));
	}

	/**
	 * Signs in to the webapps' Welcome page, which every user may open: for people who work in none of the apps
	 * (auditors) but read our pages with the same login.
	 */
	public void logInToWelcome(String baseUrl, String user) {
		logIn(baseUrl, "welcome", user, By.cssSelector(".webapps, .user-profile"));
	}

	// "signedIn": what the app shows once the login has been accepted
	private void logIn(String baseUrl, String app, String user, By signedIn) {
		By usernameInput = By.cssSelector("input[ng-model='username']");
		By loginFailed = By.cssSelector(".notifications .alert-danger");
		for (int attempt = 1;; attempt++) {
			this.driver.get(baseUrl + "/camunda/app/" + app + "/default/");
			// the webapp redirects every app to its setup page while no user is in the group "camunda-admin"
			// (hard-coded in the webapp, whatever the engine's admin groups are)
			assertThat(this.driver.getCurrentUrl())
				.as("The webapp redirected to the admin setup page: no user is a member of group camunda-admin")
				.doesNotContain("/setup");
			// a sign-in answered late by the previous try shows the app straight away
			until(ExpectedConditions.or(ExpectedConditions.elementToBeClickable(usernameInput),
					ExpectedConditions.visibilityOfElementLocated(signedIn)));
			if (!this.driver.findElements(signedIn).isEmpty()) {
				return;
			}
			WebElement username = this.driver.findElement(usernameInput);
			username.clear();
			username.sendKeys(user);
			WebElement password = this.driver.findElement(By.cssSelector("input[ng-model='password']"));
			password.clear();
			password.sendKeys(user);
			this.driver.findElement(By.cssSelector("button[type='submit']")).click();
			String refused;
			try {
				// an accepted login leaves the login route at once, before the app has loaded what it shows; a
				// submit that went out unbound leaves the page as it was, and waiting longer does not help
				until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(signedIn),
						ExpectedConditions.visibilityOfElementLocated(loginFailed),
						ExpectedConditions.not(ExpectedConditions.urlContains("#/login"))));
				if (this.driver.findElements(loginFailed).isEmpty()) {
					this.slowWait.until(ExpectedConditions.visibilityOfElementLocated(signedIn));
					return;
				}
				refused = "Login Failed";
			}
			catch (TimeoutException ex) {
				refused = "no answer";
			}
			String page = this.driver.getCurrentUrl() + " showing: " + visibleText(300);
			if (attempt == 3) {
				throw new AssertionError(app + " did not sign in " + user + " in 3 tries (" + refused + "), at " + page);
			}
			System.err.println(app + " did not sign in " + user + " (try " + attempt + ": " + refused + ", at " + page
					+ "), signing in again");
		}
	}

	private String visibleText(int max) {
		String text = this.driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ").strip();
		return text.length() <= max ? text : text.substring(0, max) + "…";
	}

	public void screenshot(String fileName) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File file = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
	}

}
