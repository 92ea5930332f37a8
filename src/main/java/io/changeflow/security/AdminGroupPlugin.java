package io.changeflow.security;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Makes the change managers Camunda administrators (the engine only knows "camunda-admin" by default). */
@Component
@EnableConfigurationProperties(SecurityProperties.class)
class AdminGroupPlugin extends AbstractProcessEnginePlugin {

	private final SecurityProperties properties;

	AdminGroupPlugin(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		var adminGroups = configuration.getAdminGroups() == null ? new ArrayList<String>()
				: new ArrayList<>(configuration.getAdminGroups());
		if (!adminGroups.contains(properties.adminGroup())) {
			adminGroups.add(properties.adminGroup());
		}
		configuration.setAdminGroups(adminGroups);
	}

}
