package io.changeflow.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.Chromium;
import io.changeflow.Tasklist;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The runtime upgrade forms in the real Tasklist (headless Chromium): a requester proposes an upgrade from the start
 * form, and a validator sees the hash voted on and votes aye.
 */
@AppTest
class RuntimeUpgradeFormsBrowserTests {

	private static final String HASH = "0x" + "ab".repeat(32);

	@RegisterExtension
	static final Chromium chromium = new Chromium("runtime-upgrade");

	@LocalServerPort
	private int port;

	private Tasklist tasklist;

	@Autowired
	private RuntimeService runtime;

	@Autowired
	private IdentityService identity;

	@Autowired
	private TaskService tasks;

	@BeforeEach
	void openTasklist() {
		tasklist = new Tasklist(chromium, port);
	}

	@Test
	void aRequesterProposesARuntimeUpgradeFromTasklist() throws IOException {
		tasklist.signInAs("alice");
		tasklist.startProcess("Runtime upgrade");

		chromium.until(ExpectedConditions.visibilityOfElementLocated(Tasklist.field("Field_title")));
		assertThat(tasklist.label("Field_wasmHash")).isEqualTo("WASM blob hash *");
		assertThat(tasklist.label("Field_testTestnet")).isEqualTo("Testnet deployment successful");
		tasklist.type("Field_title", "Runtime 210 from Tasklist");
		tasklist.type("Field_summary", "Treasury pallet");
		tasklist.type("Field_specName", "quantumharmony-browser");
		tasklist.type("Field_specVersion", "210");
		tasklist.type("Field_wasmHash", HASH);
		tasklist.type("Field_changelog", "- treasury pallet");
		tasklist.type("Field_migrationNotes", "Treasury storage v2");
		for (String evidence : List.of("Field_testUnit", "Field_testIntegration", "Field_testTestnet")) {
			tasklist.check(evidence);
		}
		chromium.screenshot("runtime-upgrade-propose-form.png");
		chromium.click(By.xpath("//*[contains(@class,'modal')]//button[normalize-space()='Start']"));

		ProcessInstance upgrade = chromium.until(driver -> runtime.createProcessInstanceQuery()
			.processDefinitionKey("change-runtime-upgrade")
			.variableValueEquals("title", "Runtime 210 from Tasklist")
			.singleResult());
		Map<String, Object> variables = runtime.getVariables(upgrade.getId());
		assertThat(variables).containsEntry("requester", "alice")
			.containsEntry("specVersion", 210L)
			.containsEntry("wasmHash", HASH)
			.containsEntry("testTestnet", true)
			.containsEntry("implementation", "manual")
			.containsEntry("voteOutcome", "pending");
	}

	@Test
	void aValidatorVotesAyeOnTheHashShownInTheVoteForm() throws IOException {
		String upgrade = propose();

		tasklist.signInAs("victor");
		// victor's vote on this upgrade: one task per validator, assigned to them
		tasklist.openTask(tasks.createTaskQuery()
			.processInstanceId(upgrade)
			.taskDefinitionKey("VoteOnRuntimeUpgrade")
			.taskAssignee("victor")
			.singleResult());
		chromium.until(ExpectedConditions.attributeToBe(Tasklist.field("Field_votedWasmHash"), "value", HASH));
		assertThat(chromium.driver().findElement(Tasklist.field("Field_votedWasmHash")).isEnabled()).isFalse();
		chromium.click(Tasklist.option("Field_vote", "Aye"));
		tasklist.type("Field_voteComment", "Reviewed the changelog and the migration");
		chromium.screenshot("runtime-upgrade-vote-form.png");
		chromium.click(By.xpath("//button[normalize-space()='Complete']"));

		String votes = chromium.until(driver -> {
			Object stored = runtime.getVariable(upgrade, "votes");
			return stored != null && stored.toString().contains("victor") ? stored.toString() : null;
		});
		assertThat(votes).contains("\"vote\":\"aye\"").contains("\"wasmHash\":\"" + HASH + "\"");
	}

	private String propose() {
		identity.setAuthentication("bob", List.of("requesters"));
		try {
			Map<String, Object> proposal = new HashMap<>(RuntimeUpgradeProcessTests.proposal());
			proposal.put("specName", "quantumharmony-vote");
			return runtime.startProcessInstanceByKey("change-runtime-upgrade", proposal).getId();
		}
		finally {
			identity.clearAuthentication();
		}
	}

}
