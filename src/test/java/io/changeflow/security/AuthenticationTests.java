package io.changeflow.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The authentication scenario on the embedded default (H2). */
// own in-memory database: this context adds a controller
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:authentication;DB_CLOSE_DELAY=-1")
@ActiveProfiles({ "test", "demo" })
@Import(AuthenticationScenario.NewlyAdded.class)
class AuthenticationTests extends AuthenticationScenario {

}
