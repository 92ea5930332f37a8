package io.changeflow.security;

import io.changeflow.AppOnPostgresTest;
import io.changeflow.PostgresDatabase;

/** The role × action matrix on PostgreSQL; the server is {@link PostgresDatabase}. */
@AppOnPostgresTest
class AuthorizationMatrixOnPostgresTests extends AuthorizationMatrixScenario {

}
