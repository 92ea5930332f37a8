package org.camunda.bpm.spring.boot.starter.webapp.filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;

/**
 * Test support in the starter's package: the webapp filters find their resources through one JVM-wide application
 * context, the one that set it last. A test that starts and stops apps of its own would leave the webapps of cached
 * test contexts serving through a stopped app (500); this binds a context's webapp filters to that context again.
 */
public final class WebappFilters {

	private WebappFilters() {
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static void bindTo(ApplicationContext context) {
		LazyInitRegistration.APPLICATION_CONTEXT = context;
		for (FilterRegistrationBean registration : context.getBeansOfType(FilterRegistrationBean.class).values()) {
			// filters the server has not initialised yet are initialised by the context itself
			if (registration.getFilter() instanceof LazyDelegateFilter filter && filter.filterConfig != null) {
				filter.setInitHook(LazyInitRegistration.getInitHook());
				filter.lazyInit();
			}
		}
	}

}
