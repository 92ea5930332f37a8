package io.changeflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before every test, makes the test's own engine the one /engine-rest and the webapps find as "default". Each cached
 * Spring test context builds an engine named "default", and Camunda looks engines up in a JVM-wide registry where the
 * context started last would otherwise answer for all. After every test, puts the engine clock back to real time: it
 * is JVM-wide too, and a test that failed before resetting it would move the next test class's dates (registered in
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

	@Override
	public void afterTestMethod(TestContext test) {
		ClockUtil.reset();
	}

	private static void register(TestContext test) {
		if (test.hasApplicationContext()) {
			test.getApplicationContext()
				.getBeanProvider(ProcessEngine.class)
				.ifAvailable(ProcessEngines::registerProcessEngine);
		}
	}

}
