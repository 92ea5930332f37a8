package io.changeflow;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server for tests that run on it: CHANGEFLOW_TEST_DB_URL (default
 * jdbc:postgresql://127.0.0.1:5432/changeflow_test, user postgres); the database is created when missing.
 */
public final class PostgresDatabase {

	public static final String URL = env("CHANGEFLOW_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/changeflow_test");

	public static final String USER = env("CHANGEFLOW_TEST_DB_USER", "postgres");

	public static final String PASSWORD = env("CHANGEFLOW_TEST_DB_PASSWORD", "");

	private PostgresDatabase() {
	}

	/** Skips the test class (fails it under CI) when the server is unreachable. */
	public static void require() {
		ExternalComponent.require("PostgreSQL", createDatabaseIfMissing());
	}

	public static void register(DynamicPropertyRegistry registry) {
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
