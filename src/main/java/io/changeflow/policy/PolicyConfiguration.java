package io.changeflow.policy;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the policy's settings and the beans built from them; kept here so the application class stays
 * untouched by policy changes. Invalid settings fail startup, naming the key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ HolidayFreezeProperties.class, PolicyProperties.class })
class PolicyConfiguration {

	@Bean
	ServiceCatalog serviceCatalog(PolicyProperties properties) {
		return new ServiceCatalog(properties.services(), properties.environments());
	}

	@Bean
	DeploymentWindows deploymentWindows(PolicyProperties properties) {
		return new DeploymentWindows(properties.windows());
	}

	@Bean
	LeadTimes leadTimes(PolicyProperties properties) {
		return new LeadTimes(properties.leadTimes(), properties.escalateAfter(), properties.expireAfter());
	}

	@Bean
	SlotPlanner slotPlanner(FreezeCalendar freezes, DeploymentBookings bookings, DeploymentWindows windows,
			Clock clock, PolicyProperties properties) {
		return new SlotPlanner(freezes, bookings, windows, clock, properties.lookahead(), properties.anyTimeSlot());
	}

}
