package io.changeflow.audit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For a flow's test class ({@code @ExtendWith(AuditedFlows.class)}): every change that a test drives to its end has a
 * complete chain that verifies, from its request to its closure or withdrawal, and after the class the whole trail
 * (anchors included) verifies. So every path the flow tests drive is also a test of the audit trail.
 */
public class AuditedFlows implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private static final String[] CHANGE_PROCESSES = { "change-normal", "change-standard", "change-emergency",
			"change-runtime-upgrade" };

	private final Set<String> endedBefore = new HashSet<>();

	@Override
	public void beforeEach(ExtensionContext context) {
		endedBefore.clear();
		ended(SpringExtension.getApplicationContext(context)).forEach(change -> endedBefore.add(change.getId()));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		ApplicationContext spring = SpringExtension.getApplicationContext(context);
		AuditTrail trail = spring.getBean(AuditTrail.class);
		AuditVerifier verifier = spring.getBean(AuditVerifier.class);
		RuntimeService runtime = spring.getBean(RuntimeService.class);
		for (HistoricProcessInstance change : ended(spring)) {
			String changeId = change.getBusinessKey();
			// a standard change converted to normal goes on under its id
			if (endedBefore.contains(change.getId())
					|| runtime.createProcessInstanceQuery().processInstanceBusinessKey(changeId).count() > 0) {
				continue;
			}
			List<AuditEntry> rows = trail.trail(changeId);
			List<String> types = rows.stream().map(AuditEntry::type).toList();
			assertThat(types).as("audit trail of %s", changeId).startsWith("change.requested");
			assertThat(rows).as("audit trail of %s ends with its closure or withdrawal: %s", changeId, types)
				.anyMatch(row -> row.type().equals("change.cancelled")
						|| row.type().equals("phase.changed") && "closed".equals(trail.read(row).get("to")));
			assertThat(verifier.verify(changeId).firstBroken()).as("first broken link of %s", changeId).isNull();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		var verification = SpringExtension.getApplicationContext(context).getBean(AuditVerifier.class).verify(null);
		assertThat(verification.firstBroken()).as("first broken link of the whole audit trail").isNull();
	}

	private static List<HistoricProcessInstance> ended(ApplicationContext spring) {
		return spring.getBean(HistoryService.class)
			.createHistoricProcessInstanceQuery()
			.finished()
			.processDefinitionKeyIn(CHANGE_PROCESSES)
			.list();
	}

}
