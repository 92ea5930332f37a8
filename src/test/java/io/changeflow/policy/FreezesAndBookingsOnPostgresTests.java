package io.changeflow.policy;

import io.changeflow.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Freezes and bookings on PostgreSQL: the migrations and queries are portable. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({ "postgres", "demo" })
class FreezesAndBookingsOnPostgresTests extends FreezesAndBookingsScenario {

	@BeforeAll
	static void requirePostgres() {
		PostgresDatabase.require();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		PostgresDatabase.register(registry);
	}

}
