package io.changeflow.change;

import io.changeflow.AppOnPostgresTest;
import io.changeflow.PostgresDatabase;

/** The REST scenario on PostgreSQL through the {@code postgres} profile; the server is {@link PostgresDatabase}. */
@AppOnPostgresTest
class NormalChangeOverRestOnPostgresTests extends NormalChangeOverRestScenario {

}
