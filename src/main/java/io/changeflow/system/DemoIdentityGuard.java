package io.changeflow.system;

import java.util.List;

import io.changeflow.security.StoredPasswords;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Production never runs with the demo identity: neither together with the {@code demo} profile nor on a database
 * where a {@link DemoIdentity} user still has its well-known default password (one that once ran the demo).
 */
@Component
@Profile("prod")
class DemoIdentityGuard extends AbstractProcessEnginePlugin {

	DemoIdentityGuard(Environment environment) {
		// before the engine starts: DemoIdentity would create its users with their default passwords
		if (environment.matchesProfiles("demo")) {
			throw new IllegalStateException("Refusing to start: the prod profile never runs together with demo,"
					+ " whose users' passwords are their user ids; set SPRING_PROFILES_ACTIVE without demo");
		}
	}

	// right after the engine is built, before the web server accepts a login
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		List<String> unchanged = DemoIdentity.USERS.keySet()
			.stream()
			.filter(user -> StoredPasswords.matches(engine, user, DemoIdentity.defaultPassword(user)))
			.sorted()
			.toList();
		if (!unchanged.isEmpty()) {
			// nobody may use it: closed, so it neither runs jobs nor stays registered
			engine.close();
			throw new IllegalStateException("Refusing to start: demo users still have their default password"
					+ " (their user id): " + String.join(", ", unchanged)
					+ "; delete them or change their passwords first");
		}
	}

}
