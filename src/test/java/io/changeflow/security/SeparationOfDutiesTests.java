package io.changeflow.security;

import io.changeflow.audit.AuditedFlows;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/** The separation-of-duties bypasses on the embedded database. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:separation-of-duties;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
@ActiveProfiles({ "test", "demo" })
@ExtendWith(AuditedFlows.class)
class SeparationOfDutiesTests extends SeparationOfDutiesScenario {

}
