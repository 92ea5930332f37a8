package io.changeflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 11: the engine's tables, created by the scripts the engine jar ships for the connected database
 * (H2 or PostgreSQL), in the order the engine's own schema update runs them. So one migration history holds every
 * table, two nodes starting on an empty database do not both create the engine's tables (Flyway locks), and
 * production runs without DDL from the engine ({@code camunda.bpm.database.schema-update: false}).
 * <p>
 * A database whose engine tables exist (created by the engine before this migration existed) keeps them. Upgrading
 * the engine is a later migration that runs the vendor's upgrade script (docs/deployment.md).
 */
@Component
class CamundaSchemaMigration implements JavaMigration {

	// AbstractPersistenceSession#dbSchemaCreate: engine, history, identity, CMMN, DMN
	private static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine",
			"case.history", "decision.engine", "decision.history");

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("11");
	}

	@Override
	public String getDescription() {
		return "Camunda engine schema";
	}

	/** None: the scripts are the engine jar's, whose version the engine itself checks. */
	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (engineTablesExist(connection)) {
			return;
		}
		String database = databaseType(connection.getMetaData().getDatabaseProductName());
		for (String component : COMPONENTS) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource(
					"org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component + ".sql"));
		}
	}

	static String databaseType(String productName) {
		return switch (productName) {
			case "H2" -> "h2";
			case "PostgreSQL" -> "postgres";
			default -> throw new IllegalStateException("changeflow runs on H2 or PostgreSQL, not " + productName);
		};
	}

	private static boolean engineTablesExist(Connection connection) throws SQLException {
		var metaData = connection.getMetaData();
		String table = metaData.storesLowerCaseIdentifiers() ? "act_ru_execution" : "ACT_RU_EXECUTION";
		try (var tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), table, null)) {
			return tables.next();
		}
	}

}
