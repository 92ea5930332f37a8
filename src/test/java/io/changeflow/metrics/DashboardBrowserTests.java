package io.changeflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.changeflow.Chromium;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard in headless Chromium, the morning after the generated history ({@link GeneratedHistory}): an auditor
 * signed in to the webapps sees the last 30 days against their targets, twelve weeks of trend, the open changes by
 * phase and the slot coming up. The screenshot is target/screenshots/dashboard.png.
 */
// own in-memory database: the page shows this history only
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:metrics-browser;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
@ActiveProfiles({ "test", "demo" })
class DashboardBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium("dashboard");

	@LocalServerPort
	private int port;

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private Notifications notifications;

	@Autowired
	private JdbcClient jdbc;

	private GeneratedHistory history;

	@AfterEach
	void tearDown() {
		history.end();
	}

	@Test
	void anAuditorSeesTheKpisAgainstTheirTargetsTheTrendTheOpenChangesAndTheNextSlot() throws Exception {
		history = new GeneratedHistory(engine, notifications, jdbc).generate(engine);
		chromium.logInToWelcome(url(""), "audrey");

		chromium.driver().get(url("/dashboard"));

		assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Change dashboard");
		assertThat(chromium.driver().findElement(By.id("updated")).getText())
			.startsWith("Updated 2026-11-02 12:00 UTC; this page reloads every minute.");
		// the last 30 days: N1–N8 and the emergencies deployed and closed, N3 and E2 rolled back
		WebElement success = tile("change-success-rate");
		assertThat(success.getDomAttribute("class")).isEqualTo("tile missed");
		assertThat(lines(success)).containsExactly("Change success rate", "77.8 %", "Target missed · target > 95 %",
				"7 of 9 changes");
		assertThat(lines(tile("emergency-change-rate"))).containsExactly("Emergency change rate", "16.7 %",
				"Target missed · target < 5 %", "2 of 12 changes");
		WebElement deploy = tile("mean-time-to-deploy");
		assertThat(deploy.getDomAttribute("class")).isEqualTo("tile met");
		assertThat(lines(deploy)).containsExactly("Mean time to deploy (normal changes)", "1.8 h",
				"On target · target < 2 h", "12.5 h over 7 changes");
		assertThat(lines(tile("change-failure-rate"))).containsExactly("Change failure rate", "22.2 %", "No target",
				"2 of 9 changes");
		assertThat(chromium.driver().findElement(By.id("phases")).getText()).contains("Time in review 1 h 10 h over"
				+ " 10 changes");

		List<WebElement> charts = chromium.driver().findElements(By.cssSelector(".charts figure > svg"));
		assertThat(charts).hasSize(6);
		assertThat(charts).extracting(chart -> chart.findElement(By.tagName("title")).getDomProperty("textContent"))
			.containsExactly("Change success rate, target > 95 %, per period",
					"Emergency change rate, target < 5 %, per period",
					"Mean time to deploy (normal changes), target < 2 h, per period",
					"Rollback rate, target < 2 %, per period", "Change failure rate, per period",
					"Approval lead time, per period");
		assertThat(charts.get(0).getRect().getWidth()).as("rendered, not just present").isGreaterThan(300);
		assertThat(charts.get(0).findElement(By.tagName("desc")).getDomProperty("textContent"))
			.startsWith("W34 (2026-08-17 – 2026-08-23): no data;")
			.contains("W42 (2026-10-12 – 2026-10-18): 50 % (1 of 2 changes), target missed;")
			.endsWith("W45 (2026-11-02 – 2026-11-08): 100 % (1 of 1 change).");

		assertThat(chromium.driver().findElement(By.id("open")).getText()).isEqualTo("Open changes by phase (2)");
		assertThat(link(By.id("open-awaiting-cab"))).isEqualTo("/audit/" + history.ids.get("N9"));
		assertThat(chromium.driver().findElements(By.cssSelector("#open-awaiting-cab th, #open-awaiting-cab td")))
			.extracting(WebElement::getText)
			.containsExactly("awaiting CAB", "1", history.ids.get("N9"));
		assertThat(link(By.id("open-scheduled"))).isEqualTo("/audit/" + history.ids.get("N10"));
		assertThat(chromium.driver().findElements(By.cssSelector("#upcoming tbody tr"))).singleElement()
			.satisfies(slot -> assertThat(slot.getText()).isEqualTo("2026-11-04 09:00 2026-11-04 13:00 "
					+ history.ids.get("N10") + " N10: update the runbook normal scheduled"));
		assertThat(chromium.driver().findElement(By.cssSelector("meta[http-equiv='refresh']"))
			.getDomAttribute("content")).isEqualTo("60");
		fullPageScreenshot("dashboard.png");

		chromium.click(By.linkText(history.ids.get("N9")));
		assertThat(chromium.driver().findElement(By.tagName("h1")).getText())
			.isEqualTo("Audit trail of " + history.ids.get("N9"));
	}

	private static WebElement tile(String key) {
		return chromium.driver().findElement(By.id("kpi-" + key));
	}

	private static List<String> lines(WebElement element) {
		return List.of(element.getText().split("\n"));
	}

	private static String link(By row) {
		return chromium.driver().findElement(row).findElement(By.tagName("a")).getDomAttribute("href");
	}

	// the whole page, not only the first screen
	private static void fullPageScreenshot(String fileName) throws Exception {
		Dimension window = chromium.driver().manage().window().getSize();
		Number height = (Number) ((JavascriptExecutor) chromium.driver())
			.executeScript("return document.documentElement.scrollHeight");
		chromium.driver().manage().window().setSize(new Dimension(window.getWidth(), height.intValue() + 120));
		try {
			chromium.screenshot(fileName);
		}
		finally {
			chromium.driver().manage().window().setSize(window);
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
