package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;

/**
 * What the production profile refuses to start with, and what it applies at every start. Each test starts its own
 * apps on in-memory databases of their own; separate from {@link ProductionProfileTests} because the Camunda webapps
 * serve through a JVM-wide reference to the Spring context started last.
 */
class ProductionStartupTests {

	private static final String PASSWORD = "Quiet-Harbour-Lantern-42";

	@Test
	void aRotatedAdminPasswordAppliesOnRestart() throws Exception {
		String database = "production-rotation";
		ProductionApp.startProd(database, "--CHANGEFLOW_ADMIN_PASSWORD=First-Secret-Of-Many").close();
		try (var restarted = ProductionApp.startProd(database, "--CHANGEFLOW_ADMIN_PASSWORD=Second-Secret-Rotated")) {
			IdentityService identity = restarted.getBean(ProcessEngine.class).getIdentityService();
			assertThat(identity.checkPassword("admin", "Second-Secret-Rotated")).isTrue();
			assertThat(identity.checkPassword("admin", "First-Secret-Of-Many")).isFalse();
		}
		finally {
			ProductionApp.drop(database);
		}
	}

	@Test
	void refusesAWeakAdminPasswordBeforeTheEngineStarts() throws Exception {
		String database = "production-weak-admin";
		try {
			assertThatThrownBy(() -> ProductionApp.startProd(database, "--CHANGEFLOW_ADMIN_PASSWORD=Admin"))
				.rootCause()
				.hasMessage("Refusing to start: CHANGEFLOW_ADMIN_PASSWORD (changeflow.security.admin.password) must"
						+ " not equal the admin's user id (CHANGEFLOW_ADMIN_USER)");
			assertThatThrownBy(() -> ProductionApp.startProd(database)).rootCause()
				.hasMessage("Refusing to start: CHANGEFLOW_ADMIN_PASSWORD (changeflow.security.admin.password) must"
						+ " be set: the production profile creates no admin without a password");
			assertThat(engineRecords(database)).as("the engine never started").isZero();
		}
		finally {
			ProductionApp.drop(database);
		}
	}

	@Test
	void refusesToRunTogetherWithDemo() throws Exception {
		String database = "production-with-demo";
		try {
			assertThatThrownBy(() -> ProductionApp.start(database, List.of("test", "demo", "prod"),
					"--CHANGEFLOW_ADMIN_PASSWORD=" + PASSWORD))
				.rootCause()
				.hasMessage("Refusing to start: the prod profile never runs together with demo, whose users'"
						+ " passwords are their user ids; set SPRING_PROFILES_ACTIVE without demo");
			assertThat(engineRecords(database)).as("the engine never started").isZero();
		}
		finally {
			ProductionApp.drop(database);
		}
	}

	@Test
	void refusesDemoUsersThatStillHaveTheirDefaultPassword() throws Exception {
		String database = "production-demo-leftovers";
		try (var demo = ProductionApp.start(database, List.of("test", "demo"))) {
			IdentityService identity = demo.getBean(ProcessEngine.class).getIdentityService();
			for (User user : identity.createUserQuery().list()) {
				if (!List.of("alice", "ci-bot").contains(user.getId())) {
					user.setPassword("Changed-After-The-Demo");
					identity.saveUser(user);
				}
			}
		}
		try {
			assertThatThrownBy(() -> ProductionApp.startProd(database, "--CHANGEFLOW_ADMIN_PASSWORD=" + PASSWORD))
				.rootCause()
				.hasMessage("Refusing to start: demo users still have their default password (their user id):"
						+ " alice, ci-bot; delete them or change their passwords first");
			// compared with the stored hash, not logged in: no failed attempt counted, nobody delayed or locked
			try (var connection = DriverManager.getConnection(ProductionApp.url(database), "sa", "");
					var attempts = connection.createStatement()
						.executeQuery("select count(*) from ACT_ID_USER"
								+ " where ATTEMPTS_ > 0 or LOCK_EXP_TIME_ is not null")) {
				attempts.next();
				assertThat(attempts.getInt(1)).isZero();
			}
		}
		finally {
			ProductionApp.drop(database);
		}
	}

	/**
	 * What the engine writes when it first starts: its history level, its deployments, its users. Flyway may have
	 * created its tables already (system/CamundaSchemaMigration); the engine itself never ran on them.
	 */
	private static int engineRecords(String database) throws Exception {
		try (var connection = DriverManager.getConnection(ProductionApp.url(database), "sa", "");
				var tables = connection.createStatement()
					.executeQuery("select count(*) from information_schema.tables where table_name = 'ACT_GE_PROPERTY'")) {
			tables.next();
			if (tables.getInt(1) == 0) {
				return 0;
			}
			var records = connection.createStatement()
				.executeQuery("select (select count(*) from ACT_GE_PROPERTY where NAME_ = 'historyLevel')"
						+ " + (select count(*) from ACT_RE_DEPLOYMENT) + (select count(*) from ACT_ID_USER)");
			records.next();
			return records.getInt(1);
		}
	}

}
