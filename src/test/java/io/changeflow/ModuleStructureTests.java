package io.changeflow;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages (approval, calendar, change, emergency, notification, policy, security, system, upgrade,
 * webhook) are modules: no cycles, and a module uses only the public types in another module's top-level package.
 */
class ModuleStructureTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(ChangeflowApplication.class).verify();
	}

}
