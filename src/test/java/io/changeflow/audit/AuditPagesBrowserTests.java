package io.changeflow.audit;

import java.util.List;
import java.util.Map;

import io.changeflow.Chromium;
import io.changeflow.Tasklist;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit pages in headless Chromium: an auditor signed in to the webapps finds a change and reads its trail; a
 * change manager follows the link on a task form in Tasklist and the "Audit trail" button in Cockpit to it.
 */
// own in-memory database: Tasklist lists the open tasks of this class's changes only
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:audit-browser;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
class AuditPagesBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium("audit");

	@LocalServerPort
	private int port;

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private Notifications notifications;

	@Autowired
	private JdbcClient jdbc;

	private Changes changes;

	private Tasklist tasklist;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		tasklist = new Tasklist(chromium, port);
	}

	@AfterEach
	void tearDown() {
		changes.end();
		// Tasklist shows the next test the tasks of its own change only
		engine.getRuntimeService()
			.createProcessInstanceQuery()
			.rootProcessInstances()
			.list()
			.forEach(change -> engine.getRuntimeService().deleteProcessInstance(change.getId(), "test over"));
		// the next test signs in as someone else
		if (chromium.driver().getWindowHandles().size() > 1) {
			String first = chromium.driver().getWindowHandles().iterator().next();
			for (String window : chromium.driver().getWindowHandles()) {
				if (!window.equals(first)) {
					chromium.driver().switchTo().window(window).close();
				}
			}
			chromium.driver().switchTo().window(first);
		}
	}

	@Test
	void anAuditorFindsAChangeAndReadsItsIntactTrail() throws Exception {
		// scheduled: it waits for its slot, so no task of it is open in Tasklist
		ProcessInstance change = changes.scheduled(Map.of("title", "Rotate <b>TLS</b> certificates"));
		String id = change.getBusinessKey();
		chromium.driver().manage().deleteAllCookies();
		chromium.logInToWelcome(url(""), "audrey");

		chromium.driver().get(url("/audit"));
		assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Audit trail");
		assertThat(chromium.driver().findElement(By.id("results")).getText())
			.isEqualTo("Changes with audit activity from 2026-11-15 to 2026-11-21");
		WebElement listed = chromium.driver().findElement(By.xpath("//tr[th/a[normalize-space()='" + id + "']]"));
		assertThat(listed.getText()).contains("Rotate <b>TLS</b> certificates", "alice", "normal");
		chromium.screenshot("audit-search.png");

		WebElement search = chromium.driver().findElement(By.name("id"));
		search.sendKeys(id.toLowerCase());
		chromium.click(By.xpath("//button[normalize-space()='Open trail']"));
		chromium.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit trail of " + id));
		assertThat(chromium.driver().getCurrentUrl()).isEqualTo(url("/audit/" + id));
		assertThat(chromium.driver().findElement(By.id("title")).getText()).isEqualTo("Rotate <b>TLS</b> certificates");
		assertThat(banners()).containsExactly("INTACT Records: request, approvals, implementation and rollback (kept 3 "
				+ "years) (" + id + "): Intact: " + rows(id) + " rows, each matching its hash and linked to the row "
				+ "before it.", "INTACT Deployment log: gate and pipeline reports (kept 1 year) (" + id
						+ "/deployment): Intact: 1 row, each matching its hash and linked to the row before it.");
		assertThat(what()).contains("Alice requested the change: Rotate <b>TLS</b> certificates",
				"Carol completed Review change (peer review): approve",
				"Ivan completed Approve change in CAB (engineering lead): approve",
				"Phase changed from awaiting-cab to scheduled", "Deployment gate for production: prevented");
		chromium.screenshot("audit-trail.png");

		// someone edits a decision in the database: the page names the first broken link and marks its row
		jdbc.sql("update cf_audit_event set details = replace(details, 'approve', 'reject') "
				+ "where chain_id = ? and event_type = 'task.completed'")
			.param(id)
			.update();
		chromium.driver().navigate().refresh();
		assertThat(banners().get(0)).startsWith("BROKEN Records").contains("was changed: its content no longer "
				+ "matches its hash.");
		chromium.click(By.linkText("Show the row"));
		assertThat(chromium.driver().findElement(By.cssSelector("tr.faulty")).getText())
			.contains("Carol completed Review change (peer review): reject (first broken link)");
		chromium.screenshot("audit-trail-broken.png");
	}

	@Test
	void aTaskFormLinksToTheTrailOfItsChange() throws Exception {
		ProcessInstance change = changes.request("alice", Map.of("title", "Bump the gateway"));
		String id = change.getBusinessKey();
		// a change manager: Camunda admin, so Tasklist shows every task (a review slot is not theirs to claim)
		tasklist.signInAs("demo");

		tasklist.openTask(changes.task(change, "ReviewChange"));
		By link = By.xpath("//*[contains(@class,'fjs-container')]//a[normalize-space()='Audit trail of " + id + "']");
		chromium.until(ExpectedConditions.visibilityOfElementLocated(link));
		assertThat(chromium.driver().findElement(link).getDomAttribute("href")).isEqualTo("/audit/" + id);
		// a new tab: what the person has typed into the form stays
		assertThat(chromium.driver().findElement(link).getDomAttribute("target")).isEqualTo("_blank");
		assertThat(chromium.driver().findElement(link).getDomAttribute("rel")).isEqualTo("noopener");
		chromium.screenshot("audit-tasklist-link.png");

		// Tasklist lays a veil over the form of a task nobody has claimed; a change manager follows the link itself
		chromium.driver().get(url("/audit/" + id));
		chromium.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit trail of " + id));
		assertThat(what()).contains("Task Review change (peer review) opened for reviewers");
		assertThat(banners()).allSatisfy(banner -> assertThat(banner).startsWith("INTACT"));
	}

	@Test
	void aFormShowsNoLinkWithoutAChangeId() throws Exception {
		ProcessInstance change = changes.request("alice", Map.of("title", "Bump the gateway"));
		// nobody may remove it (the variable guard), so as one of the engine's own steps would
		((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
			.execute(command -> {
				ExecutionEntity instance = command.getExecutionManager().findExecutionById(change.getId());
				Context.setExecutionContext(instance);
				try {
					instance.removeVariable("changeId");
				}
				finally {
					Context.removeExecutionContext();
				}
				return null;
			});
		tasklist.signInAs("demo");

		tasklist.openTask(changes.task(change, "ReviewChange"));
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_title"), "value", "Bump the gateway"));
		String form = chromium.driver().findElement(By.cssSelector(".fjs-container")).getText();
		assertThat(form).startsWith("Review the change\nYour review role").doesNotContain("Audit trail", "{{");
	}

	@Test
	void cockpitLinksAProcessInstanceToTheTrailOfItsChange() throws Exception {
		ProcessInstance change = changes.request("alice", Map.of("title", "Bump the gateway"));
		String id = change.getBusinessKey();
		tasklist.signInAs("demo");

		chromium.driver().get(url("/camunda/app/cockpit/default/#/process-instance/" + change.getId() + "/runtime"));
		By button = By.cssSelector("a.changeflow-audit-trail");
		chromium.until(ExpectedConditions.visibilityOfElementLocated(button));
		assertThat(chromium.driver().findElement(button).getDomAttribute("href")).isEqualTo("/audit/" + id);
		assertThat(chromium.driver().findElement(button).getDomAttribute("aria-label")).isEqualTo("Audit trail");
		assertThat(chromium.driver().findElement(button).getDomAttribute("title")).isEqualTo("Audit trail of " + id);
		chromium.screenshot("audit-cockpit-button.png");

		chromium.click(button);
		followNewWindow();
		chromium.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit trail of " + id));
	}

	private void followNewWindow() {
		chromium.until(driver -> driver.getWindowHandles().size() > 1 || driver.getCurrentUrl().contains("/audit/"));
		var windows = List.copyOf(chromium.driver().getWindowHandles());
		chromium.driver().switchTo().window(windows.get(windows.size() - 1));
	}

	private int rows(String changeId) {
		return jdbc.sql("select count(*) from cf_audit_event where chain_id = ?")
			.param(changeId)
			.query(Integer.class)
			.single();
	}

	private static List<String> banners() {
		return chromium.driver()
			.findElements(By.cssSelector(".banner.chain"))
			.stream()
			.map(banner -> banner.getText().replaceAll("\\s+", " ").strip())
			.toList();
	}

	private static List<String> what() {
		return chromium.driver().findElements(By.cssSelector("td.what")).stream().map(WebElement::getText).toList();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
