package io.changeflow.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work of the modules (gate re-checks) runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {

}
