package io.changeflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changeflow.AppTest;
import io.changeflow.policy.ChangeType;
import io.changeflow.policy.ServiceCatalog;
import io.changeflow.policy.TestingMatrix;
import io.changeflow.policy.TestingMatrix.Evidence;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the auto-deployment must contain for Tasklist to work: every referenced form, every policy row. */
@AppTest
class DeploymentTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	RepositoryService repository;

	@Autowired
	FormService forms;

	@Autowired
	ServiceCatalog catalog;

	@Autowired
	TestingMatrix testingMatrix;

	@Test
	void everyFormThatAModelReferencesIsDeployedWithItsProcess() throws IOException {
		List<ProcessDefinition> processes = repository.createProcessDefinitionQuery().latestVersion().list();
		assertThat(processes).extracting(ProcessDefinition::getKey).contains("change-normal");
		for (ProcessDefinition process : processes) {
			var deployedFormIds = new TreeSet<String>();
			for (String resource : repository.getDeploymentResourceNames(process.getDeploymentId())) {
				if (resource.endsWith(".form")) {
					try (InputStream form = repository.getResourceAsStream(process.getDeploymentId(), resource)) {
						deployedFormIds.add(JSON.readTree(form).get("id").asText());
					}
				}
			}
			var model = repository.getBpmnModelInstance(process.getId());
			var references = new TreeSet<String>();
			for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
				String ref = node instanceof UserTask task ? task.getCamundaFormRef()
						: node instanceof StartEvent start ? start.getCamundaFormRef() : null;
				if (node instanceof UserTask) {
					assertThat(ref).as("user task %s has a Camunda Form", node.getId()).isNotBlank();
					assertThat(((UserTask) node).getCamundaCandidateGroups()).as("candidate groups of %s", node.getId())
						.isNotBlank();
					assertThat(((UserTask) node).getCamundaDueDate()).as("due date of %s", node.getId()).isNotBlank();
				}
				if (ref != null) {
					references.add(ref);
				}
			}
			assertThat(deployedFormIds).as("forms deployed with %s", process.getKey()).containsAll(references);
			// and the engine resolves the start form of what people start in Tasklist through the deployment binding
			if (process.isStartableInTasklist()) {
				try (InputStream startForm = forms.getDeployedStartForm(process.getId())) {
					assertThat(JSON.readTree(startForm).get("schemaVersion").asInt()).isLessThanOrEqualTo(16);
				}
			}
		}
	}

	@Test
	void everyFormTargetsTheFormJsVersionTasklistBundles() throws IOException {
		var process = repository.createProcessDefinitionQuery().processDefinitionKey("change-normal").latestVersion()
			.singleResult();
		for (String resource : repository.getDeploymentResourceNames(process.getDeploymentId())) {
			if (resource.endsWith(".form")) {
				try (InputStream form = repository.getResourceAsStream(process.getDeploymentId(), resource)) {
					JsonNode schema = JSON.readTree(form);
					assertThat(schema.get("schemaVersion").asInt()).as(resource).isLessThanOrEqualTo(16);
					schema.get("components").forEach(component -> assertThat(component.get("type").asText())
						.as("component %s of %s", component.get("id"), resource)
						.isIn("textfield", "textarea", "number", "select", "radio", "checkbox", "checklist",
								"datetime", "text"));
				}
			}
		}
	}

	@Test
	void theRequestFormOffersExactlyTheChangeTypesServicesAndEnvironmentsThePolicyKnows() throws IOException {
		assertThat(options("request-change", "changeType")).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(ChangeType.values()).map(type -> type.value).toList());
		assertThat(options("request-change", "service")).containsExactlyInAnyOrderElementsOf(catalog.services());
		assertThat(options("request-change", "environment"))
			.containsExactlyInAnyOrderElementsOf(catalog.environments());
	}

	@Test
	void theTestingMatrixHasARowForEveryChangeType() {
		for (ChangeType type : ChangeType.values()) {
			assertThat(testingMatrix.check(type.value, new Evidence(false, false, false, false)).rule())
				.as("testing evidence rule for %s", type.value)
				.isNotBlank();
		}
	}

	private static TreeSet<String> options(String formId, String key) throws IOException {
		JsonNode form;
		try (InputStream in = DeploymentTests.class.getResourceAsStream("/forms/" + formId + ".form")) {
			form = JSON.readTree(in);
		}
		var offered = new TreeSet<String>();
		form.get("components").forEach(component -> {
			if (key.equals(component.path("key").asText())) {
				component.get("values").forEach(option -> offered.add(option.get("value").asText()));
			}
		});
		return offered;
	}

	@Test
	void theApprovalPolicyHasAPeerReviewRowForEveryChangeType() {
		var decision = repository.createDecisionDefinitionQuery().decisionDefinitionKey("change-approval-policy")
			.latestVersion().singleResult();
		assertThat(decision).isNotNull();
		var model = repository.getDmnModelInstance(decision.getId());
		Map<String, Integer> peersByType = new HashMap<>();
		model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class).forEach(rule -> {
			String type = rule.getInputEntries().iterator().next().getTextContent().replace("\"", "").strip();
			int peers = Integer.parseInt(rule.getOutputEntries().iterator().next().getTextContent().strip());
			if (!type.isEmpty()) {
				peersByType.merge(type, peers, Math::max);
			}
		});
		for (ChangeType type : ChangeType.values()) {
			assertThat(peersByType.get(type.value)).as("peer reviewers for %s", type.value).isNotNull()
				.isGreaterThanOrEqualTo(1);
		}
		assertThat(peersByType.keySet()).allSatisfy(type -> assertThat(ChangeType.values())
			.extracting(t -> t.value).contains(type));
	}

}
