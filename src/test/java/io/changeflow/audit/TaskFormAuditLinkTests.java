package io.changeflow.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every user task's form links to the audit trail of its change, and only when there is one: the same form starts a
 * change (no id yet) and revises it. That form-js renders the link is {@code AuditPagesBrowserTests}' concern.
 */
class TaskFormAuditLinkTests {

	private static final String LINK = "{{#if changeId}}<a href=\"/audit/{{changeId}}\" target=\"_blank\" "
			+ "rel=\"noopener\">Audit trail of {{changeId}}</a> (new tab; for change managers and auditors){{/if}}";

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void everyTaskFormLinksToTheTrailOfItsChange() throws IOException {
		var taskForms = new TreeSet<String>();
		for (Resource process : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")) {
			// the metrics review is about a report, not a change
			if (process.getFilename().equals("change-report.bpmn")) {
				continue;
			}
			try (InputStream in = process.getInputStream()) {
				Bpmn.readModelFromStream(in)
					.getModelElementsByType(UserTask.class)
					.forEach(task -> taskForms.add(task.getCamundaFormRef()));
			}
		}
		assertThat(taskForms).hasSizeGreaterThanOrEqualTo(15);
		for (String form : taskForms) {
			JsonNode schema;
			try (InputStream in = getClass().getResourceAsStream("/forms/" + form + ".form")) {
				schema = JSON.readTree(in);
			}
			// right under the heading: seen before anything is filled in
			JsonNode link = schema.get("components").get(1);
			assertThat(link.get("id").asText()).as(form).isEqualTo("Text_auditTrail");
			// any other component type blanks the whole form in Tasklist 7.24 (form-js 1.8)
			assertThat(link.get("type").asText()).as(form).isEqualTo("text");
			assertThat(link.get("text").asText()).as(form).isEqualTo(LINK);
		}
	}

}
