package io.changeflow.change;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StandardChangeProperties.class)
class StandardChangeConfiguration {

}
