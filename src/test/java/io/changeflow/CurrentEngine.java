package io.changeflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.spring.boot.starter.webapp.filter.WebappFilters;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before every test, makes the test's own engine the one /engine-rest and the webapps find as "default", and binds
 * the webapps to the test's own context. Each cached Spring test context builds an engine named "default", and Camunda
 * looks engines up in a JVM-wide registry (and the webapp filters their context in a JVM-wide field) where the
 * context started last, possibly an app a test has stopped since, would otherwise answer for all (registered in
 * META-INF/spring.factories).
 */
public class CurrentEngine extends AbstractTestExecutionListener {

	@Override
	public void beforeTestClass(TestContext test) {
		register(test);
	}

	@Override
	public void beforeTestMethod(TestContext test) {
		register(test);
	}

	private static void register(TestContext test) {
		if (test.hasApplicationContext()) {
			var context = test.getApplicationContext();
			context.getBeanProvider(ProcessEngine.class).ifAvailable(ProcessEngines::registerProcessEngine);
			if (context instanceof WebServerApplicationContext) {
				WebappFilters.bindTo(context);
			}
		}
	}

}
