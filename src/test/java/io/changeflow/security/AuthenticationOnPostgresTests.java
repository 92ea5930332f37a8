package io.changeflow.security;

import io.changeflow.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The authentication scenario on PostgreSQL through the {@code postgres} profile; the server is {@link PostgresDatabase}. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// Spring Boot turns metrics export off in tests; the walk must meet /actuator/prometheus (application-test.yaml)
		properties = { "camunda.bpm.job-execution.enabled=false",
				"management.prometheus.metrics.export.enabled=true" })
@ActiveProfiles({ "postgres", "demo" })
@Import(AuthenticationScenario.NewlyAdded.class)
class AuthenticationOnPostgresTests extends AuthenticationScenario {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
