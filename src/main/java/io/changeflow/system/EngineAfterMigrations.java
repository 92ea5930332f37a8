package io.changeflow.system;

import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The engine is configured only once Flyway has migrated: its tables come from {@link CamundaSchemaMigration}, and
 * with {@code schema-update: false} it would otherwise check for tables that are not there yet. Registered in
 * META-INF/spring.factories.
 */
class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(ProcessEngineConfigurationImpl.class);
	}

}
