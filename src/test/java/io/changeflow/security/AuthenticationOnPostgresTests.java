package io.changeflow.security;

import io.changeflow.AppOnPostgresTest;
import io.changeflow.PostgresDatabase;
import org.springframework.context.annotation.Import;

/** The authentication scenario on PostgreSQL through the {@code postgres} profile; the server is {@link PostgresDatabase}. */
// a context of its own: it adds a controller
@AppOnPostgresTest
@Import(AuthenticationScenario.NewlyAdded.class)
class AuthenticationOnPostgresTests extends AuthenticationScenario {

}
