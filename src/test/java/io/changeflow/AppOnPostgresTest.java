package io.changeflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link AppTest} on PostgreSQL ({@link PostgresDatabase}, profile {@code postgres}): one application context for
 * every class on it. Without a reachable server the class is skipped before its context would try to connect, and
 * fails under {@code CI=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AppOnPostgresTest.RequirePostgres.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "postgres", "demo" })
@ContextConfiguration(initializers = AppOnPostgresTest.TestDatabase.class)
public @interface AppOnPostgresTest {

	/** Skips the class (fails it under CI) when the server is unreachable. */
	class RequirePostgres implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			PostgresDatabase.require();
		}

	}

	/**
	 * The test database ({@link PostgresDatabase#springProperties}) before the context starts: one initializer for
	 * every class, where a {@code @DynamicPropertySource} method of each class would make a context of each.
	 */
	class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("changeflow-test-database", PostgresDatabase.springProperties()));
		}

	}

}
