package io.changeflow;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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

	/**
	 * A new, empty database next to the test database, for tests that count from zero (dropped first if an earlier
	 * run left it behind). Call {@link #require} first.
	 * @return its JDBC URL
	 */
	public static String fresh(String suffix) throws SQLException {
		String database = databaseName(URL) + "_" + suffix;
		try (var connection = DriverManager.getConnection(server(), USER, PASSWORD)) {
			connection.createStatement().execute("drop database if exists \"" + database + "\" with (force)");
			connection.createStatement().execute("create database \"" + database + "\"");
		}
		return URL.substring(0, URL.lastIndexOf('/') + 1) + database;
	}

	/** Plain JDBC on a database of this server, e.g. one {@link #fresh} made, a connection per call. */
	public static JdbcClient jdbc(String url) {
		return JdbcClient.create(new DriverManagerDataSource(url, USER, PASSWORD));
	}

	/** Drops a database {@link #fresh} made. */
	public static void drop(String url) throws SQLException {
		try (var connection = DriverManager.getConnection(server(), USER, PASSWORD)) {
			connection.createStatement().execute("drop database if exists \"" + databaseName(url) + "\" with (force)");
		}
	}

	/**
	 * The test database as Spring properties, with a small pool that opens connections as needed and closes them
	 * after 10 s unused: the suite keeps its contexts cached, and production's 20 connections each (opened at start)
	 * took all 100 of PostgreSQL's once six contexts were on it.
	 */
	public static Map<String, Object> springProperties() {
		return Map.of("spring.datasource.url", URL, "spring.datasource.username", USER, "spring.datasource.password",
				PASSWORD, "spring.datasource.hikari.maximum-pool-size", 10, "spring.datasource.hikari.minimum-idle", 1,
				"spring.datasource.hikari.idle-timeout", 10_000);
	}

	/** @return why PostgreSQL is unusable, or null */
	private static String createDatabaseIfMissing() {
		String database = databaseName(URL);
		String server = server();
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

	private static String databaseName(String url) {
		return url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
	}

	private static String server() {
		return URL.substring(0, URL.lastIndexOf('/') + 1) + "postgres";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
