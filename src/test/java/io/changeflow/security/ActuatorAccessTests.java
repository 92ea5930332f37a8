package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.changeflow.AppTest;
import io.changeflow.TestUsers;
import io.changeflow.change.ApiCalls;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who reads the management endpoints: the scrape is for operations and change managers. */
@AppTest
class ActuatorAccessTests {

	private static final String OPERATOR = "ops-olga";

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	private ApiCalls api;

	@BeforeEach
	void operator() {
		api = new ApiCalls(port);
		if (identity.createGroupQuery().groupId(Roles.OPERATIONS).count() == 0) {
			var group = identity.newGroup(Roles.OPERATIONS);
			group.setName("Operations");
			identity.saveGroup(group);
		}
		// ApiCalls: password = user id
		TestUsers.ensure(identity, OPERATOR, OPERATOR, Roles.OPERATIONS);
	}

	@Test
	void prometheusIsScrapedByOperationsAndChangeManagersOnly() {
		assertThat(api.get(OPERATOR, "/actuator/prometheus").status()).isEqualTo(200);
		assertThat(api.get("demo", "/actuator/prometheus").status()).as("a change manager").isEqualTo(200);

		var requester = api.get("alice", "/actuator/prometheus");
		assertThat(requester.status()).isEqualTo(403);
		assertThat(requester.header("Content-Type")).startsWith("application/problem+json");
		assertThat(requester.json().get("detail").asText())
			.isEqualTo("alice is not a member of operations or change-managers: only they read management endpoints");

		var anonymous = api.get(null, "/actuator/prometheus");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Basic realm=\"changeflow\"");
	}

	@Test
	void infoNeedsOnlyALoginTheListOfEndpointsAReader() {
		assertThat(api.get("alice", "/actuator/info").status()).isEqualTo(200);
		assertThat(api.get(null, "/actuator/info").status()).isEqualTo(401);
		assertThat(api.get(OPERATOR, "/actuator").status()).isEqualTo(200);
		assertThat(api.get("alice", "/actuator").status()).isEqualTo(403);
		assertThat(api.get(null, "/actuator").status()).isEqualTo(401);
	}

	@Test
	void healthShowsNoDetailsEvenToChangeManagers() {
		var health = api.get("demo", "/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().has("components")).isFalse();
		assertThat(api.get("demo", "/actuator/health/db").status()).as("no component is reachable").isEqualTo(404);
	}

}
