package io.changeflow.change;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/** The REST scenario on the embedded default (H2). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:rest;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
class NormalChangeOverRestTests extends NormalChangeOverRestScenario {

}
