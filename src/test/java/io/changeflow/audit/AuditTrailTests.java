package io.changeflow.audit;

import java.util.Map;

import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles({ "test", "demo" })
class AuditTrailTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	private Changes changes;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void normalChangeToTheEnd() {
		ProcessInstance change = changes.clearedToImplement(Map.of("changeType", "documentation"));
		changes.complete(change, "implementers", "leo", Map.of("implementationNotes", "Deployed docs v2"));
		changes.complete(change, "implementers", "leo",
				Map.of("verificationResult", "success", "verificationNotes", "Pages render"));
		changes.complete(change, "implementers", "leo", Map.of("lessonsLearned", "none"));
		trail.trail(change.getBusinessKey())
			.forEach(e -> System.out.println("AUDIT " + e.chainId() + "#" + e.seq() + " " + e.at() + " " + e.type()
					+ " " + e.actor() + " " + e.activityId() + " [" + e.activityName() + "] " + e.details()));
	}

}
