package io.changeflow.system;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.migration.instance.MigratingActivityInstance;
import org.camunda.bpm.engine.impl.migration.instance.MigratingProcessInstance;
import org.camunda.bpm.engine.impl.migration.validation.instance.MigratingActivityInstanceValidationReportImpl;
import org.camunda.bpm.engine.impl.migration.validation.instance.MigratingActivityInstanceValidator;
import org.springframework.stereotype.Component;

/**
 * Camunda 7.24's migration removes the timeout task listeners of the target version's user tasks from the cached
 * process definition that every instance shares (it empties the maps it reads them from; camunda-bpm-platform#4637):
 * after a change manager migrates one change, no later review, CAB seat or implementation of any change on that
 * version gets its reminder and escalation timers, until the node restarts. This drops the target version from the
 * engine's cache when the migrating command ends, committed or not, so its next use parses it afresh from its
 * deployment. It hooks in as a migration validator that reports nothing: the one extension point that every migration,
 * synchronous or batch, passes after Camunda has read the instance.
 */
@Component
class MigratedDefinitionsReparsed extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		var validators = (configuration.getCustomPostMigratingActivityInstanceValidators() == null)
				? new ArrayList<MigratingActivityInstanceValidator>()
				: new ArrayList<>(configuration.getCustomPostMigratingActivityInstanceValidators());
		validators.add(MigratedDefinitionsReparsed::reparseAfterCommand);
		configuration.setCustomPostMigratingActivityInstanceValidators(validators);
	}

	private static void reparseAfterCommand(MigratingActivityInstance activity, MigratingProcessInstance instance,
			MigratingActivityInstanceValidationReportImpl report) {
		String definitionId = instance.getTargetDefinition().getId();
		CommandContext command = Context.getCommandContext();
		command.registerCommandContextListener(new CommandContextListener() {

			@Override
			public void onCommandContextClose(CommandContext context) {
				evict(context, definitionId);
			}

			@Override
			public void onCommandFailed(CommandContext context, Throwable cause) {
				evict(context, definitionId);
			}

		});
	}

	private static void evict(CommandContext context, String definitionId) {
		context.getProcessEngineConfiguration().getDeploymentCache().removeProcessDefinition(definitionId);
	}

}
