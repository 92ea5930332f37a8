package io.changeflow.audit;

import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The switch the benchmark measures the trail's cost with: off records nothing, and prod never runs without it. */
@SpringBootTest(properties = { "changeflow.audit.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:audit-off;DB_CLOSE_DELAY=-1" })
@ActiveProfiles({ "test", "demo" })
class AuditSwitchTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	void switchedOffTheTrailRecordsNothingWhileTheChangeMovesOn() {
		var changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		try {
			var change = changes.request("alice", Map.of());

			assertThat(engine.getTaskService().createTaskQuery().processInstanceId(change.getId()).count())
				.as("the change waits for its reviews").isPositive();
			assertThat(jdbc.sql("select count(*) from cf_audit_event").query(Long.class).single()).isZero();
			assertThat(jdbc.sql("select count(*) from cf_audit_chain").query(Long.class).single()).isZero();
		}
		finally {
			changes.end();
		}
	}

	@Test
	void productionRefusesToStartWithoutTheTrail() {
		var production = new MockEnvironment();
		production.setActiveProfiles("prod");

		assertThatIllegalStateException().isThrownBy(() -> new AuditTrail(null, null, null, null, false, production))
			.withMessageContaining("never runs without its audit trail");
		assertThat(new AuditTrail(null, null, null, null, true, production)).isNotNull();
	}

}
