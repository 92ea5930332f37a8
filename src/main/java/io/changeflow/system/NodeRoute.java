package io.changeflow.system;

import org.apache.catalina.Engine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * In a cluster, each node's session ids end in its route ({@code CHANGEFLOW_NODE_ROUTE}, e.g. "….node1"), Tomcat's
 * jvmRoute: the load balancer sends a webapp login's requests back to the node that holds its session
 * (deploy/nginx/nginx.conf). Sessions are not shared between nodes.
 */
@Component
class NodeRoute implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final String route;

	NodeRoute(@Value("${changeflow.node-route}") String route) {
		this.route = route;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (StringUtils.hasText(route)) {
			factory.addContextCustomizers(context -> ((Engine) context.getParent().getParent()).setJvmRoute(route));
		}
	}

}
