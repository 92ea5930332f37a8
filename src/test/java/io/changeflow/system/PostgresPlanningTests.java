package io.changeflow.system;

import io.changeflow.AppOnPostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the engine's authorization checks on PostgreSQL from their worst plan ({@link PostgresPlanning},
 * migration 13): plans for the actual parameters, and the planner's row estimate for a permission bit.
 */
@AppOnPostgresTest
class PostgresPlanningTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Test
	void everyConnectionPlansEachStatementForItsParameters() {
		assertThat(jdbc.sql("show plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
	}

	// one READ grant per open candidate task, as the engine writes them: without statistics on PERMS_ & 2 the
	// planner expects 0.5 % of the rows to match
	@Test
	void thePlannerKnowsHowManyGrantsCarryAPermissionBit() {
		transaction.executeWithoutResult(status -> {
			jdbc.sql("insert into act_ru_authorization (id_, rev_, type_, group_id_, resource_type_, resource_id_, perms_)"
					+ " select 'planning-' || n, 1, 1, 'planning-reviewers', 7, 'planning-task-' || n, 2"
					+ " from generate_series(1, 5000) n")
				.update();
			jdbc.sql("analyze act_ru_authorization").update();
			long matching = jdbc.sql("select count(*) from act_ru_authorization where perms_ & 2 = 2")
				.query(Long.class)
				.single();
			String plan = jdbc.sql("explain select * from act_ru_authorization where perms_ & 2 = 2")
				.query(String.class)
				.list()
				.get(0);
			long estimated = Long.parseLong(plan.replaceAll(".*rows=(\\d+).*", "$1"));
			assertThat(estimated).as(plan).isBetween(matching / 2, matching * 2);
			status.setRollbackOnly();
		});
		jdbc.sql("analyze act_ru_authorization").update();
	}

}
