package io.changeflow.security;

import static io.changeflow.security.EngineRest.json;
import static io.changeflow.security.EngineRest.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.changeflow.change.Changes;
import io.changeflow.emergency.EmergencyChanges;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The role × action matrix of docs/security.md, cell by cell: one demo user per role tries each action through
 * /engine-rest (the door every other client uses too), and exactly the roles the matrix names succeed; everyone else
 * gets 403 or sees nothing. Subclasses choose the database.
 */
abstract class AuthorizationMatrixScenario {

	/** One member of each role (demo users; see system/DemoIdentity). */
	static final Map<String, String> MEMBERS = members();

	private static Map<String, String> members() {
		var members = new LinkedHashMap<String, String>();
		members.put(Roles.CHANGE_MANAGERS, "demo");
		members.put(Roles.REQUESTERS, "alice");
		members.put(Roles.REVIEWERS, "carol");
		members.put(Roles.SECURITY_TEAM, "frank");
		members.put(Roles.ARCHITECTURE_TEAM, "grace");
		members.put(Roles.DEVOPS_TEAM, "heidi");
		members.put(Roles.IMPLEMENTERS, "leo");
		members.put(Roles.CAB_SECURITY, "judy");
		members.put(Roles.CAB_OPERATIONS, "ken");
		members.put(Roles.INCIDENT_COMMANDERS, "olivia");
		members.put(Roles.VALIDATORS, "victor");
		members.put(Roles.AUDITORS, "audrey");
		members.put(Roles.OPERATIONS, "oscar");
		members.put(Roles.PIPELINES + " (ci-bot, also a requester)", "ci-bot");
		members.put(Roles.CAB_ENGINEERING_LEAD + " (ivan, also an incident commander)", "ivan");
		return Map.copyOf(members);
	}

	private static final String PROCESS = """
			<?xml version="1.0" encoding="UTF-8"?>
			<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
			    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="matrix" targetNamespace="http://changeflow.io">
			  <bpmn:process id="matrix-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
			    <bpmn:startEvent id="Started" />
			  </bpmn:process>
			</bpmn:definitions>
			""";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identity;

	@Autowired
	AuthorizationService authorizations;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	private Changes changes;

	private EngineRest rest;

	@BeforeEach
	void begin() {
		// other suites on the same database try wrong passwords, which delay a user's next login (lockout)
		MEMBERS.values().forEach(identity::unlockUser);
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		rest = new EngineRest(port);
	}

	@AfterEach
	void end() {
		changes.end();
	}

	@Test
	void whoStartsWhichChange() {
		var request = new HashMap<String, Object>();
		Changes.completeRequest().forEach((name, value) -> request.put(name, value(value)));
		assertOnly(Set.of("demo", "alice", "ci-bot"), user -> rest.post(user,
				"/process-definition/key/change-normal/start", Map.of("variables", request)));
		var declaration = new HashMap<String, Object>();
		EmergencyChanges.declaration().forEach((name, value) -> declaration.put(name, value(value)));
		// a change manager may start any process, but the declaration step asks the identity store (002 §4.3)
		assertOnly(Set.of("olivia", "ivan"), "only an incident commander or the engineering lead declares an emergency",
				user -> rest.post(user, "/process-definition/key/change-emergency/start",
						Map.of("variables", declaration)));
	}

	@Test
	void onlyChangeManagersDeployModels() {
		// a model can run code (script tasks, expressions): deploying is running code
		try {
			assertOnly(Set.of("demo"), user -> rest.deploy(user, "matrix-" + user + ".bpmn", PROCESS));
		}
		finally {
			// the probe is no model of the app, and other tests read every deployed process
			var repository = engine.getRepositoryService();
			repository.createDeploymentQuery()
				.deploymentName(EngineRest.DEPLOYMENT_NAME)
				.list()
				.forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
		}
	}

	@Test
	void onlyChangeManagersChangeRunningInstancesDirectly() {
		ProcessInstance change = changes.request("alice", Map.of());
		String instance = "/process-instance/" + change.getId();
		assertOnly(Set.of("demo"), user -> rest.put(user, instance + "/variables/impactUsers", value(user)));
		assertOnly(Set.of("demo"), user -> rest.put(user, instance + "/suspended", Map.of("suspended", false)));
		assertOnly(Set.of("demo"), user -> rest.post(user, instance + "/modification",
				Map.of("skipCustomListeners", false, "instructions",
						List.of(Map.of("type", "startBeforeActivity", "activityId", "ReviewChange#multiInstanceBody")))));
		String definition = change.getProcessDefinitionId();
		var plan = json(rest.post("demo", "/migration/generate",
				Map.of("sourceProcessDefinitionId", definition, "targetProcessDefinitionId", definition)));
		assertOnly(Set.of("demo"), user -> rest.post(user, "/migration/execute",
				Map.of("processInstanceIds", List.of(change.getId()), "migrationPlan", plan)));
		// last: deleting ends the test's change
		assertOnly(Set.of("demo"), user -> rest.delete(user, instance));
	}

	@Test
	void onlyChangeManagersEditAuthorizationsAndUsers() {
		// new names each run: a database that outlives the run keeps what the change manager created
		String run = Long.toString(System.currentTimeMillis(), 36);
		var probe = identity.newGroup("matrix-" + run);
		identity.saveGroup(probe);
		assertOnly(Set.of("demo"), user -> rest.post(user, "/authorization/create", Map.of("type", 1, "permissions",
				List.of("READ"), "groupId", probe.getId(), "resourceType", Resources.DEPLOYMENT.resourceType(),
				"resourceId", "matrix-" + user)));
		assertOnly(Set.of("demo"), user -> rest.post(user, "/user/create", Map.of("profile",
				Map.of("id", user + "-" + run, "firstName", "New", "lastName", "User"), "credentials",
				Map.of("password", "a long enough password"))));
		assertOnly(Set.of("demo"), user -> rest.put(user, "/group/" + probe.getId() + "/members/" + user, null));
	}

	@Test
	void onlyChangeManagersAndOperationsWatchEveryChange() {
		ProcessInstance change = changes.request("alice", Map.of());
		assertSees(Set.of("demo", "oscar"), user -> rest.get(user, "/process-instance?processInstanceIds=" + change.getId()));
		assertSees(Set.of("demo", "oscar"),
				user -> rest.get(user, "/history/process-instance?processInstanceId=" + change.getId()));
		engine.getRuntimeService().createIncident("probe", changes.slotTask(change, Roles.REVIEWERS).getExecutionId(),
				"matrix", "an incident to watch");
		assertSees(Set.of("demo", "oscar"), user -> rest.get(user, "/incident?processInstanceId=" + change.getId()));
	}

	@Test
	void reviewersSeeAndWorkOnlyTheirGroupsTasks() {
		ProcessInstance change = changes.request("alice", Map.of());
		String review = changes.slotTask(change, Roles.REVIEWERS).getId();
		// operations read every task (Cockpit), change managers are administrators; neither may work on a review
		assertSees(Set.of("demo", "oscar", "carol"), user -> rest.get(user, "/task?processInstanceId=" + change.getId()));
		assertOnly(Set.of("carol"), user -> {
			var response = rest.post(user, "/task/" + review + "/claim", Map.of("userId", user));
			if (response.statusCode() == 204) {
				rest.post(user, "/task/" + review + "/unclaim", null);
			}
			return response;
		});
		// candidates hold TASK_WORK, not the engine's default UPDATE: handing on and writing variables is a manager's
		assertOnly(Set.of("demo"), user -> rest.post(user, "/task/" + review + "/assignee", Map.of("userId", "dave")));
		assertOnly(Set.of("demo"), user -> rest.put(user, "/task/" + review + "/localVariables/note", value(user)));
	}

	@Test
	void theApplicationsEachRoleMayOpen() {
		assertThat(granted("cockpit")).containsExactlyInAnyOrder("demo", "oscar");
		assertThat(granted("admin")).containsExactlyInAnyOrder("demo");
		assertThat(granted("tasklist")).containsExactlyInAnyOrder("demo", "alice", "carol", "frank", "grace", "heidi",
				"leo", "judy", "ken", "olivia", "victor", "ci-bot", "ivan");
	}

	private List<String> granted(String application) {
		return MEMBERS.values().stream().filter(user -> authorizations.isUserAuthorized(user, groups(user),
				Permissions.ACCESS, Resources.APPLICATION, application)).toList();
	}

	/**
	 * Each member tries; exactly {@code allowed} succeed (2xx), everyone else is refused with 403, or 404 where they
	 * may not even see what they act on.
	 */
	private void assertOnly(Set<String> allowed, Function<String, HttpResponse<String>> action) {
		assertOnly(allowed, null, action);
	}

	/** Like the above, where the engine may also refuse by naming {@code rule} (a policy step, not a grant). */
	private void assertOnly(Set<String> allowed, String rule, Function<String, HttpResponse<String>> action) {
		var outcomes = new ArrayList<String>();
		// the refused first, so an action that changes something (delete) is tried by them on the real thing
		var order = new ArrayList<>(MEMBERS.values().stream().filter(user -> !allowed.contains(user)).toList());
		order.addAll(allowed);
		for (String user : order) {
			var response = action.apply(user);
			int status = response.statusCode();
			boolean succeeded = status / 100 == 2;
			boolean refusedByRule = rule != null && status >= 400 && response.body().contains(rule);
			assertThat(status == 403 || status == 404 || refusedByRule || succeeded).as("%s got %s: %s", user, status, response.body())
				.isTrue();
			if (succeeded) {
				outcomes.add(user);
			}
		}
		assertThat(outcomes).containsExactlyInAnyOrderElementsOf(allowed);
	}

	/** Each member lists; exactly {@code allowed} see something, everyone else gets an empty list. */
	private void assertSees(Set<String> allowed, Function<String, HttpResponse<String>> query) {
		var seeing = new ArrayList<String>();
		for (String user : MEMBERS.values()) {
			var response = query.apply(user);
			assertThat(response.statusCode()).as(user).isEqualTo(200);
			if (!json(response).isEmpty()) {
				seeing.add(user);
			}
		}
		assertThat(seeing).containsExactlyInAnyOrderElementsOf(allowed);
	}

	private List<String> groups(String user) {
		return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
	}

}
