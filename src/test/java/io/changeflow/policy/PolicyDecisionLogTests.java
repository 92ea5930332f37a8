package io.changeflow.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.system.StringVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

class PolicyDecisionLogTests {

	private final List<Object> published = new ArrayList<>();

	private final PolicyDecisionLog log = new PolicyDecisionLog(new ObjectMapper(),
			Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC), published::add);

	@Test
	void aLongHistoryKeepsTheNewestDecisionsWithinAStringVariableAndAnnouncesEveryOneInFull() {
		VariableScope change = change();
		String longDecision = "Any time (24/7): moved. " + "Conflicts with CHG-2026-0009 on changeflow/production; ".repeat(60);

		for (int i = 0; i < 30; i++) {
			log.record(change, "Schedule change", i + ". " + ((i % 5 == 0) ? longDecision : "Clear to implement"));
		}

		assertThat(((String) change.getVariable(PolicyDecisionLog.VARIABLE)).length())
			.isLessThanOrEqualTo(StringVariables.MAX_LENGTH);
		List<PolicyDecisionLog.PolicyDecision> kept = log.read(change);
		assertThat(kept.get(0).decision()).isEqualTo("Earlier decisions are in the audit trail");
		assertThat(kept.get(kept.size() - 1).decision()).isEqualTo("29. Clear to implement");
		assertThat(kept.stream().filter(d -> d.decision().contains("in full in the audit trail"))).isNotEmpty();
		assertThat(published).hasSize(30)
			.element(25)
			.extracting(event -> ((PolicyDecided) event).decision())
			.isEqualTo("25. " + longDecision);
	}

	private static VariableScope change() {
		var variables = new HashMap<String, Object>();
		variables.put("changeId", "CHG-2026-0001");
		VariableScope scope = mock(VariableScope.class);
		when(scope.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
		doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(scope)
			.setVariable(eq(PolicyDecisionLog.VARIABLE), any());
		return scope;
	}

}
