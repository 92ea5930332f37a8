package io.changeflow.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers the policy's settings; kept here so the application class stays untouched by policy changes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HolidayFreezeProperties.class)
class PolicyConfiguration {

}
