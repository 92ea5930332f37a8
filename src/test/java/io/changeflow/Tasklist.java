package io.changeflow;

import org.camunda.bpm.engine.task.Task;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What a person does in Tasklist and its Camunda Forms, for the browser tests. */
public final class Tasklist {

	private final Chromium chromium;

	private final String baseUrl;

	public Tasklist(Chromium chromium, int port) {
		this.chromium = chromium;
		this.baseUrl = "http://localhost:" + port;
	}

	/** One browser per test class: drops the previous user's session and remembered Tasklist state (filter) first. */
	public void signInAs(String user) {
		chromium.driver().manage().deleteAllCookies();
		if (chromium.driver().getCurrentUrl().startsWith(baseUrl)) {
			((JavascriptExecutor) chromium.driver()).executeScript("window.localStorage.clear()");
		}
		chromium.logInToTasklist(baseUrl, user);
	}

	public void startProcess(String name) {
		chromium.click(By.xpath("//a[normalize-space()='Start process']"));
		chromium.click(By.xpath("//*[contains(@class,'modal')]//a[normalize-space()='" + name + "']"));
	}

	/**
	 * Opens this task as a link to it would (the inbox's, a notification's): by its id, never "the first one with
	 * that name", since other tests' changes share the list.
	 */
	public void openTask(Task task) {
		chromium.driver().get(baseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
		chromium.until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//*[contains(@class,'task-details')]//*[normalize-space()='" + task.getName() + "']")));
	}

	/** A candidate-group task is unassigned; Tasklist enables "Complete" only for the assignee. */
	public void claim() {
		chromium.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".task-details button.claim"))).click();
		chromium.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".task-details button.claim")));
	}

	public void type(String componentId, String text) {
		WebElement input = chromium.until(ExpectedConditions.elementToBeClickable(field(componentId)));
		((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
		input.sendKeys(text);
		settle();
	}

	public void check(String componentId) {
		chromium.click(field(componentId));
		settle();
	}

	/** A form-js select opens a list of its values when its field is clicked. */
	public void choose(String componentId, String value) {
		chromium.click(By.xpath("//*[contains(@class,'fjs-form-field-select')][.//*[contains(@id,'-" + componentId
				+ "')]]//*[contains(@class,'fjs-input-group')]"));
		chromium.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + value + "']"));
		settle();
	}

	public String label(String componentId) {
		return chromium.driver()
			.findElement(By.cssSelector(".fjs-container label[for$='-" + componentId + "']"))
			.getText()
			.replaceAll("\\s+", " ")
			.strip();
	}

	/** form-js derives input ids from the component id: "fjs-form-&lt;form instance&gt;-&lt;component id&gt;". */
	public static By field(String componentId) {
		return By.cssSelector(".fjs-container [id$='-" + componentId + "']");
	}

	/** Radio inputs sit inside a label carrying the option's text. */
	public static By option(String componentId, String label) {
		return By.xpath("//*[contains(@class,'fjs-container')]//label[contains(@for,'-" + componentId
				+ "-')][normalize-space()='" + label + "']");
	}

	// form-js applies typed text after a 300 ms debounce; acting on the next field earlier loses one of both changes
	private static void settle() {
		try {
			Thread.sleep(400);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
