package io.changeflow;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * A reviewer works a change in the real Tasklist (headless Chromium): the Camunda Form renders the change's data
 * and completing it with "Approve" moves the change on to CAB approval.
 */
// own in-memory database: other Spring test classes use jdbc:h2:mem:changeflow
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
class TasklistBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String TITLE = "Rotate TLS certificates";

	private static final String SUMMARY = "Replace the expiring TLS certificates of the public load balancer.";

	private static final String REVIEW_TASK = "Review change (peer review)";

	private static WebDriver driver;

	private static WebDriverWait wait;

	private static Path userDataDir;

	// what the browser showed when the test failed, for whoever has to find out why
	@RegisterExtension
	static final TestWatcher evidenceOnFailure = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			try {
				screenshot("tasklist-failure.png");
				Files.writeString(SCREENSHOTS.resolve("tasklist-failure.html"), driver.getPageSource());
			}
			catch (IOException | RuntimeException ex) {
				cause.addSuppressed(ex);
			}
		}
	};

	@LocalServerPort
	private int port;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private HistoryService historyService;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		ExternalComponent.require("Chromium", installed ? null : CHROMIUM + " or " + CHROMEDRIVER + " missing");
		userDataDir = Files.createTempDirectory("tasklist-browser");
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

	@Test
	void reviewerApprovesAChangeInTasklist() throws IOException {
		String processInstanceId = requestDocumentationChange();

		logIn("carol");
		openTaskFromAllTasksFilter(REVIEW_TASK);
		claim();

		// the disabled fields show what the requester submitted
		wait.until(ExpectedConditions.attributeToBe(formField("Field_title"), "value", TITLE));
		assertThat(driver.findElement(formField("Field_summary")).getDomProperty("value")).isEqualTo(SUMMARY);
		assertThat(driver.findElement(formField("Field_title")).isEnabled()).isFalse();
		screenshot("tasklist-review-form.png");

		click(option("Field_decision", "Approve"));
		click(By.xpath("//button[normalize-space()='Complete']"));

		// Tasklist removes the completed task from the view once the engine has accepted it
		wait.until(ExpectedConditions.invisibilityOfElementLocated(formField("Field_title")));
		screenshot("tasklist-after-complete.png");

		assertThat(historyService.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ReviewChange")
			.finished()
			.list()).extracting(HistoricTaskInstance::getAssignee).containsExactly("carol");
		assertThat(taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ReviewChange")
			.count()).isZero();
		assertThat(taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey("ApproveChangeInCab")
			.count()).isEqualTo(3);
	}

	/** A documentation change needs a single peer review. Started as alice, the requester. */
	private String requestDocumentationChange() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("title", TITLE);
		variables.put("summary", SUMMARY);
		variables.put("changeType", "documentation");
		variables.put("riskLevel", "low");
		variables.put("service", "changeflow");
		variables.put("environment", "production");
		variables.put("justification", "The certificates expire in 30 days.");
		variables.put("impactSystems", "public load balancer");
		variables.put("impactUsers", "none expected");
		variables.put("implementationPlan", "Upload the new certificates and reload the listeners.");
		variables.put("rollbackPlan", "Re-upload the previous certificates.");
		variables.put("testingEvidence", "Verified on staging.");
		variables.put("requestedDate", "2026-12-01");
		identityService.setAuthentication("alice", List.of("requesters"));
		try {
			return runtimeService.startProcessInstanceByKey("change-normal", variables).getId();
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	private void logIn(String user) {
		driver.get("http://localhost:" + this.port + "/camunda/app/tasklist/default/");
		// the webapp redirects every app to its setup page while no user is in the group "camunda-admin" (hard-coded
		// in the webapp, whatever the engine's admin groups are)
		assertThat(driver.getCurrentUrl())
			.as("Tasklist redirected to the admin setup page: no user is a member of group camunda-admin")
			.doesNotContain("/setup");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
			.sendKeys(user);
		driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
		driver.findElement(By.cssSelector("button[type='submit']")).click();
	}

	private void openTaskFromAllTasksFilter(String taskName) {
		wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'task-filters')]//*[contains(@class,'name') and normalize-space()='All tasks']")))
			.click();
		wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
				"//*[contains(@class,'tasks-list')]//a[normalize-space()='" + taskName + "']")))
			.click();
	}

	private void claim() {
		// a candidate-group task is unassigned; Tasklist enables "Complete" only for the assignee
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".task-details button.claim"))).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details button.claim")));
	}

	private static void click(By locator) {
		WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
		// Tasklist's fixed footer covers elements that Selenium scrolls only to the bottom edge
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		element.click();
	}

	// form-js derives input ids from the component id: "fjs-form-<form instance>-<component id>"
	private static By formField(String componentId) {
		return By.cssSelector(".fjs-container [id$='-" + componentId + "']");
	}

	// radio and checkbox inputs sit inside a label carrying the option's text
	private static By option(String componentId, String label) {
		return By.xpath("//*[contains(@class,'fjs-container')]//label[contains(@for,'-" + componentId
				+ "-')][normalize-space()='" + label + "']");
	}

	private static void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
