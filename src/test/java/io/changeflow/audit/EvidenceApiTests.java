package io.changeflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.AppTest;
import io.changeflow.change.ApiCalls;
import io.changeflow.change.Changes;
import io.changeflow.notification.Notifications;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The change log and the evidence export over HTTP: who may read them, bad parameters, JSON Lines and CSV. */
@AppTest
class EvidenceApiTests {

	static final String EXPORT = "/api/audit/export?from=2026-11-21&to=2026-11-22T00:00:00Z";

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Notifications notifications;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	private Changes changes;

	private ApiCalls api;

	@BeforeEach
	void setUp() {
		changes = new Changes(engine, notifications, jdbc);
		changes.begin(engine);
		api = new ApiCalls(port);
	}

	@AfterEach
	void tearDown() {
		changes.end();
	}

	@Test
	void changeManagersAndAuditorsVerifyTheTrailOfAChangeOrOfEverything() {
		String id = open(Map.of());

		var one = api.get("audrey", "/api/audit/verify?changeId=" + id);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("intact").asBoolean()).isTrue();
		assertThat(one.json().get("changeId").asText()).isEqualTo(id);
		assertThat(one.json().get("chains").asInt()).isEqualTo(2);
		assertThat(one.json().get("firstBroken").isNull()).isTrue();
		assertThat(api.get("demo", "/api/audit/verify").json().get("intact").asBoolean()).isTrue();

		assertThat(api.get("audrey", "/api/audit/verify?changeId=CHG-1999-0001").status()).isEqualTo(404);
		assertThat(api.get("alice", "/api/audit/verify?changeId=" + id).status()).isEqualTo(403);
		assertThat(api.get(null, "/api/audit/verify").status()).isEqualTo(401);
	}

	@Test
	void changeManagersAuditorsAndItsRequesterReadAChangesLog() {
		String id = open(Map.of());

		var log = api.get("alice", "/api/changes/" + id + "/change-log");
		assertThat(log.status()).isEqualTo(200);
		assertThat(log.json()).isEqualTo(parse("""
				{"change_id": "%s", "timestamp": "2026-11-21T09:00:00Z", "type": "normal",
				 "description": "Rotate TLS certificates", "requestor": "alice", "approvers": [],
				 "commit": "3f2a9c1e", "pr_number": 17, "files_changed": null, "lines_added": null,
				 "lines_removed": null, "test_results": "pending", "security_review": "pending"}""".formatted(id)));
		assertThat(api.get("audrey", "/api/changes/" + id + "/change-log").json()).isEqualTo(log.json());
		assertThat(api.get("demo", "/api/changes/" + id + "/change-log").status()).isEqualTo(200);

		var stranger = api.get("bob", "/api/changes/" + id + "/change-log");
		assertThat(stranger.status()).isEqualTo(403);
		assertThat(stranger.json().get("detail").asText())
			.isEqualTo("bob is neither a change manager, an auditor nor the requester of " + id
					+ ": only they read a change's log");
		assertThat(api.get("carol", "/api/changes/" + id + "/change-log").status()).isEqualTo(403);
		assertThat(api.get("bob", "/api/changes/CHG-2099-9999/change-log").status()).as("existence not revealed")
			.isEqualTo(403);
		var unknown = api.get("audrey", "/api/changes/CHG-2099-9999/change-log");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(api.get(null, "/api/changes/" + id + "/change-log").status()).isEqualTo(401);
		assertThat(api.get("audrey", "/api/changes/" + id + "/change-log", "Accept", "text/csv").status())
			.isEqualTo(406);
	}

	@Test
	void anExportNamesEveryBadParameterAndIsForChangeManagersAndAuditorsOnly() {
		assertThat(errors(api.get("audrey", "/api/audit/export"))).containsExactly("from", "to");
		assertThat(errors(api.get("audrey", "/api/audit/export?from=yesterday&to=2026-13-01&format=xlsx")))
			.containsExactly("from", "to", "format");
		var inverted = api.get("audrey", "/api/audit/export?from=2026-11-22&to=2026-11-21");
		assertThat(inverted.json().get("errors").get(0).get("message").asText()).isEqualTo("must be after from");
		var tooLong = api.get("audrey", "/api/audit/export?from=2026-01-01&to=2027-01-01T00:00:01Z");
		assertThat(tooLong.json().get("errors").get(0).get("message").asText())
			.isEqualTo("must be at most 1 year after from: export a longer period in several calls");
		assertThat(api.get("audrey", "/api/audit/export?from=2026-01-01&to=2027-01-01").status()).isEqualTo(200);

		assertThat(api.get("alice", EXPORT).status()).isEqualTo(403);
		assertThat(api.get("carol", EXPORT).status()).isEqualTo(403);
		assertThat(api.get(null, EXPORT).status()).isEqualTo(401);
		assertThat(api.get("demo", EXPORT).status()).isEqualTo(200);
	}

	@Test
	void theExportStreamsOneRecordPerChangeAsJsonLinesOrCsvAndIsItselfRecorded() {
		String id = open(Map.of("title", "=HYPERLINK(\"http://evil.example\",\"Click\")"));

		var jsonl = api.get("audrey", EXPORT);
		assertThat(jsonl.status()).isEqualTo(200);
		assertThat(jsonl.header("Content-Type")).isEqualTo("application/x-ndjson;charset=UTF-8");
		assertThat(jsonl.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"audit-evidence_20261121T000000Z_20261122T000000Z.jsonl\"");
		List<String> lines = List.of(jsonl.body().split("\n"));
		JsonNode record = lines.stream().map(EvidenceApiTests::parse)
			.filter(line -> id.equals(line.get("changeId").asText())).findFirst().orElseThrow();
		assertThat(record.get("title").asText()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"Click\")");
		assertThat(record.get("phase").asText()).isEqualTo("in-review");
		for (String criterion : List.of("cc8_1", "cc8_2", "cc8_3")) {
			assertThat(record.get(criterion).get("satisfied").asBoolean()).as(criterion).isTrue();
		}
		assertThat(record.get("violations")).isEmpty();

		var csv = api.get("demo", EXPORT.replace("?", "?format=csv&"));
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).isEqualTo("text/csv;header=present;charset=UTF-8");
		assertThat(csv.header("Content-Disposition")).endsWith("_20261122T000000Z.csv\"");
		List<String> rows = Arrays.asList(csv.body().split("\r\n"));
		assertThat(rows.get(0)).isEqualTo("changeId,category,title,requester,requestedAt,artifact,phase,outcome,"
				+ "approvers,requiredApprovalsMet,authorizedAt,implementedAt,implementedArtifact,slotStart,slotEnd,"
				+ "withinSlot,testResults,verificationResult,closedAt,cc8_1_satisfied,cc8_2_satisfied,"
				+ "cc8_3_satisfied,violations");
		assertThat(rows).hasSize(lines.size() + 1)
			.contains(id + ",normal,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",alice,"
					+ "2026-11-21T09:00:00Z,3f2a9c1e,in-review,,,false,,,,,,,pending,,,true,true,true,");

		var exports = trail.trail(AuditEvidence.EXPORTS);
		assertThat(exports).last().satisfies(row -> {
			assertThat(row.type()).isEqualTo("audit.exported");
			assertThat(row.actor()).isEqualTo("demo");
			assertThat(trail.read(row)).isEqualTo(Map.of("from", "2026-11-21T00:00:00Z", "to", "2026-11-22T00:00:00Z",
					"format", "csv", "changes", lines.size()));
		});
	}

	private String open(Map<String, Object> overrides) {
		var body = new HashMap<String, Object>(Changes.completeRequest());
		body.putAll(Map.of("category", "normal", "riskLevel", "low", "commitSha", "3f2a9c1e", "prNumber", 17));
		body.putAll(overrides);
		var created = api.post("alice", "/api/changes", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asText();
	}

	private static List<String> errors(ApiCalls.Response response) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("title").asText()).isEqualTo("Invalid request");
		return response.json().get("errors").findValuesAsText("field");
	}

	private static JsonNode parse(String text) {
		try {
			return ApiCalls.JSON.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
