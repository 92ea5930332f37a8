package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/** Migration 11 builds the same engine tables as the engine's own schema update, and leaves existing ones alone. */
class CamundaSchemaMigrationTests {

	private final CamundaSchemaMigration migration = new CamundaSchemaMigration();

	@Test
	void createsExactlyTheTablesTheEngineWouldCreate() throws Exception {
		String engineMade = "jdbc:h2:mem:engine-made;DB_CLOSE_DELAY=-1";
		var engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
			.setJdbcUrl(engineMade)
			.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
			.setHistory(ProcessEngineConfiguration.HISTORY_FULL)
			.setJobExecutorActivate(false)
			.setProcessEngineName("schema-reference")
			.buildProcessEngine();
		try (Connection migrated = DriverManager.getConnection("jdbc:h2:mem:migrated;DB_CLOSE_DELAY=-1", "sa", "");
				Connection reference = DriverManager.getConnection(engineMade, "sa", "")) {
			migration.migrate(context(migrated));

			assertThat(columns(migrated)).hasSizeGreaterThan(400).isEqualTo(columns(reference));
		}
		finally {
			engine.close();
		}
	}

	@Test
	void existingEngineTablesAreKept() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:twice;DB_CLOSE_DELAY=-1", "sa", "")) {
			migration.migrate(context(connection));
			connection.createStatement().execute("insert into ACT_GE_PROPERTY values ('kept', 'yes', 1)");

			migration.migrate(context(connection));

			var kept = connection.createStatement().executeQuery("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'kept'");
			assertThat(kept.next()).isTrue();
		}
	}

	@Test
	void otherDatabasesAreRefusedByName() {
		assertThat(CamundaSchemaMigration.databaseType("PostgreSQL")).isEqualTo("postgres");
		assertThatThrownBy(() -> CamundaSchemaMigration.databaseType("MySQL"))
			.hasMessage("changeflow runs on H2 or PostgreSQL, not MySQL");
	}

	private static Context context(Connection connection) {
		Context context = mock(Context.class);
		when(context.getConnection()).thenReturn(connection);
		return context;
	}

	private static List<String> columns(Connection connection) throws SQLException {
		var columns = new ArrayList<String>();
		try (var rows = connection.createStatement()
			.executeQuery("select TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE"
					+ " from INFORMATION_SCHEMA.COLUMNS where TABLE_SCHEMA = 'PUBLIC' order by TABLE_NAME, COLUMN_NAME")) {
			while (rows.next()) {
				columns.add(String.join(" ", rows.getString(1), rows.getString(2), rows.getString(3),
						rows.getString(4), rows.getString(5)));
			}
		}
		return columns;
	}

}
