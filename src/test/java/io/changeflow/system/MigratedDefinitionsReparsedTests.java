package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.changeflow.AppTest;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change manager migrates a running change (Cockpit, {@code /engine-rest/migration}): afterwards every new human step
 * of every change on that version still gets its reminder and escalation timers ({@link MigratedDefinitionsReparsed}).
 */
@AppTest
class MigratedDefinitionsReparsedTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void reviewsRequestedAfterAMigrationStillGetTheirRemindersAndEscalations() {
		ProcessInstance before = changes.request("alice", Map.of());
		List<String> timers = timers(before);
		// the review's reminder and escalation (task listener timeouts) and its expiry
		assertThat(timers).contains("timer-task-listener", "timer-transition");

		String version = before.getProcessDefinitionId();
		var runtime = engine.getRuntimeService();
		runtime.newMigration(runtime.createMigrationPlan(version, version).mapEqualActivities().build())
			.processInstanceIds(before.getId())
			.execute();

		assertThat(timers(before)).as("the migrated change's own timers").isEqualTo(timers);
		assertThat(timers(changes.request("alice", Map.of()))).as("a change requested after the migration")
			.isEqualTo(timers);
	}

	/** The change's timers, as the kinds of job they are, earliest first. */
	private List<String> timers(ProcessInstance change) {
		var management = engine.getManagementService();
		return management.createJobQuery()
			.processInstanceId(change.getId())
			.timers()
			.orderByJobDuedate()
			.asc()
			.list()
			.stream()
			.map(job -> management.createJobDefinitionQuery()
				.jobDefinitionId(job.getJobDefinitionId())
				.singleResult()
				.getJobType())
			.toList();
	}

}
