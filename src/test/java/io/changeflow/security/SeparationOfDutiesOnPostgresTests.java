package io.changeflow.security;

import io.changeflow.AppOnPostgresTest;
import io.changeflow.PostgresDatabase;

/** The separation-of-duties bypasses on PostgreSQL; the server is {@link PostgresDatabase}. */
@AppOnPostgresTest
class SeparationOfDutiesOnPostgresTests extends SeparationOfDutiesScenario {

}
