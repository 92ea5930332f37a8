package io.changeflow.policy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.changeflow.AppTest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** "Declare freeze" as Tasklist starts it: the form's variables, the initiator, the engine's authorizations. */
@AppTest
class DeclareFreezeProcessTests {

	private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	IdentityService identity;

	@Autowired
	FreezeRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		ClockUtil.setCurrentTime(Date.from(NOW));
	}

	@AfterEach
	void tearDown() {
		this.identity.clearAuthentication();
		ClockUtil.reset();
		this.jdbc.sql("delete from cf_freeze").update();
	}

	@Test
	void aChangeManagerDeclaresAFreezeFromTheForm() {
		this.identity.setAuthentication("demo", List.of("change-managers"));
		// as the form submits them: datetime fields "utc_normalized", services as comma-separated text
		ProcessInstance process = this.runtime.startProcessInstanceByKey("declare-freeze",
				Map.of("name", "Mainnet launch", "reason", "Launch week", "start", "2026-12-01T00:00Z", "end",
						"2026-12-03T00:00Z", "services", "heliosdb-lite, changeflow", "environments", ""));

		assertThat(process.isEnded()).isTrue();
		List<Freeze> freezes = this.registry.list(NOW, Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(freezes).singleElement().satisfies((freeze) -> {
			assertThat(freeze.name()).isEqualTo("Mainnet launch");
			assertThat(freeze.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
			assertThat(freeze.end()).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
			assertThat(freeze.scope()).isEqualTo(new FreezeScope(Set.of("changeflow", "heliosdb-lite"), Set.of()));
		});
		assertThat(this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(process.getId())
			.variableName("freezeId")
			.singleResult()
			.getValue()).isEqualTo(freezes.get(0).id());
		assertThat(this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(process.getId())
			.variableName("declaredBy")
			.singleResult()
			.getValue()).isEqualTo("demo");
	}

	@Test
	void aRefusedFreezeStartsNothingAndNamesEveryProblem() {
		this.identity.setAuthentication("demo", List.of("change-managers"));
		long started = this.history.createHistoricProcessInstanceQuery().processDefinitionKey("declare-freeze").count();

		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> this.runtime.startProcessInstanceByKey("declare-freeze",
					Map.of("name", "Mainnet launch", "reason", " ", "start", "2026-12-03T00:00Z", "end",
							"2026-12-01T00:00Z", "services", "payments-api")))
			.withMessage("Refused by the change policy: reason is required; unknown service 'payments-api'; known:"
					+ " heliosdb-lite, quantumharmony-node, quantumharmony-runtime, changeflow; end 2026-12-01T00:00Z"
					+ " is not after start 2026-12-03T00:00Z (inverted period)");
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> this.runtime.startProcessInstanceByKey("declare-freeze",
					Map.of("name", "Mainnet launch", "reason", "Launch", "start", "1 Dec", "end", "2026-12-03T00:00Z")))
			.withMessageContaining("start: '1 Dec' is not an ISO-8601 timestamp with offset");
		assertThat(this.history.createHistoricProcessInstanceQuery().processDefinitionKey("declare-freeze").count())
			.isEqualTo(started);
		assertThat(this.registry.list(NOW, Instant.parse("2027-01-01T00:00:00Z"))).isEmpty();
	}

	@Test
	void onlyChangeManagersMayStartIt() {
		this.identity.setAuthentication("alice", List.of("requesters"));
		assertThatExceptionOfType(AuthorizationException.class)
			.isThrownBy(() -> this.runtime.startProcessInstanceByKey("declare-freeze", Map.of()));
	}

	@Test
	void aFreezeNeedsSomeoneWhoDeclaresIt() {
		// without an authenticated user the engine sets no initiator
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> this.runtime.startProcessInstanceByKey("declare-freeze",
					Map.of("name", "Mainnet launch", "reason", "Launch", "start", "2026-12-01T00:00Z", "end",
							"2026-12-03T00:00Z")))
			.withMessageContaining("a freeze must be declared or ended by an authenticated user");
	}

}
