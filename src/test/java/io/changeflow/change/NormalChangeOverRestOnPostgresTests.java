package io.changeflow.change;

import java.sql.DriverManager;
import java.sql.SQLException;

import io.changeflow.ExternalComponent;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The REST scenario on PostgreSQL through the {@code postgres} profile. Needs a server: CHANGEFLOW_TEST_DB_URL
 * (default jdbc:postgresql://127.0.0.1:5432/changeflow_test, user postgres); the database is created when missing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({ "postgres", "demo" })
class NormalChangeOverRestOnPostgresTests extends NormalChangeOverRestScenario {

	static final String URL = env("CHANGEFLOW_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/changeflow_test");

	static final String USER = env("CHANGEFLOW_TEST_DB_USER", "postgres");

	static final String PASSWORD = env("CHANGEFLOW_TEST_DB_PASSWORD", "");

	@BeforeAll
	static void requirePostgres() {
		ExternalComponent.require("PostgreSQL", createDatabaseIfMissing());
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> URL);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	/** @return why PostgreSQL is unusable, or null */
	private static String createDatabaseIfMissing() {
		String database = URL.substring(URL.lastIndexOf('/') + 1).split("\\?")[0];
		String server = URL.substring(0, URL.lastIndexOf('/') + 1) + "postgres";
		try (var connection = DriverManager.getConnection(server, USER, PASSWORD);
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, database);
			if (!exists.executeQuery().next()) {
				connection.createStatement().execute("create database \"" + database + "\"");
			}
			return null;
		}
		catch (SQLException ex) {
			return "cannot connect to " + server + " as " + USER + ": " + ex.getMessage();
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
