package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.AppTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hundreds of generated bad requests (malformed JSON, wrong types, unknown fields and values, over-long strings,
 * oversized bodies, missing fields per category): each is a 400 problem naming what is wrong, none is a 5xx, and none
 * leaves a change, a process or a used number behind. Script and SQL in values are data, stored as sent.
 */
@AppTest
class ChangeRequestFuzzTests {

	// reproducible: a failure names the body that caused it
	private final Random random = new Random(20261121);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ChangeRequestSchema schema;

	private ApiCalls api;

	@BeforeEach
	void setUp() {
		api = new ApiCalls(port);
	}

	@Test
	void generatedBadRequestsAreRefusedWithProblemsAndLeaveNothingBehind() throws Exception {
		List<String> bodies = badBodies();
		assertThat(bodies).hasSizeGreaterThan(300);
		long changes = count("select count(*) from cf_change");
		long processes = count("select count(*) from act_hi_procinst");
		long numbers = count("select coalesce(sum(last_number), 0) from cf_change_counter");

		for (String body : bodies) {
			var response = api.post("alice", "/api/changes", body);
			String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
			assertThat(response.status()).as("status for %s: %s", shown, response.body()).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(shown).startsWith("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem.get("status").asInt()).isEqualTo(400);
			assertThat(problem.get("detail").asText()).as(shown).isNotBlank();
			assertThat(problem.has("errors") || problem.has("problems")).as("names what is wrong: %s", response.body())
				.isTrue();
		}

		assertThat(count("select count(*) from cf_change")).isEqualTo(changes);
		assertThat(count("select count(*) from act_hi_procinst")).isEqualTo(processes);
		assertThat(count("select coalesce(sum(last_number), 0) from cf_change_counter")).isEqualTo(numbers);
	}

	@Test
	void chunkedBodiesAreMeasuredAsTheyArrive() throws Exception {
		long changes = count("select count(*) from cf_change");
		byte[] tooLarge = json(ChangeApiTests.with(ChangeApiTests.normalRequest(), "summary", "x".repeat(300 * 1024)))
			.getBytes(StandardCharsets.UTF_8);
		var refused = api.postChunked("alice", "/api/changes", tooLarge);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("title").asText()).isEqualTo("Request body too large");
		assertThat(count("select count(*) from cf_change")).isEqualTo(changes);

		var accepted = api.postChunked("alice", "/api/changes",
				json(ChangeApiTests.normalRequest()).getBytes(StandardCharsets.UTF_8));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
	}

	@Test
	void everyInvalidFieldIsNamedInOneAnswer() {
		var body = ChangeApiTests.with(ChangeApiTests.normalRequest(), "title", 42, "riskLevel", "extreme",
				"testUnit", "yes", "prNumber", "12", "summary", null, "colour", "blue");
		var response = api.post("alice", "/api/changes", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("title",
				"riskLevel", "testUnit", "prNumber", "summary", "colour");
	}

	@Test
	void scriptAndSqlInValuesAreStoredVerbatimAndNeverEvaluated() {
		String title = "<script>alert('x')</script> '; DROP TABLE cf_change; -- ${execution.setVariable('x', 1)}";
		String summary = "#{runtimeService.deleteProcessInstance(execution.processInstanceId, 'x')} \" OR 1=1 --";
		var created = api.post("alice", "/api/changes",
				ChangeApiTests.with(ChangeApiTests.normalRequest(), "title", title, "summary", summary));

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode change = api.get("alice", "/api/changes/" + created.json().get("id").asText()).json();
		assertThat(change.get("title").asText()).isEqualTo(title);
		assertThat(change.get("phase").asText()).isEqualTo("in-review");
		assertThat(count("select count(*) from cf_change where title = '" + title.replace("'", "''") + "'"))
			.isEqualTo(1);
	}

	private List<String> badBodies() throws Exception {
		var bodies = new ArrayList<String>();
		Map<String, Map<String, Object>> valid = Map.of("normal", ChangeApiTests.normalRequest(), "emergency",
				ChangeApiTests.emergencyRequest());
		String normal = ApiCalls.JSON.writeValueAsString(ChangeApiTests.normalRequest());
		// malformed JSON: the valid body cut at random places, plus classics
		for (int i = 0; i < 60; i++) {
			bodies.add(normal.substring(0, 1 + random.nextInt(normal.length() - 2)));
		}
		bodies.addAll(List.of("", " ", "{", "}", "[]", "null", "\"normal\"", "42", "{\"category\":}", "{'a':1}",
				"{\"category\":\"normal\",\"category\":\"normal\"}", "[".repeat(5000) + "]".repeat(5000),
				"{\"category\":\"normal\",\"prNumber\":1e999999}", normal + "garbage", "\u0000"));
		// the shape of the body and its category
		bodies.add("{}");
		for (Object category : new Object[] { "urgent", "", 7, true, List.of("normal"), Map.of("x", 1) }) {
			bodies.add(json(ChangeApiTests.with(ChangeApiTests.normalRequest(), "category", category)));
		}
		// per category and field: missing, wrong type, unknown value, too long, NUL
		for (var category : valid.entrySet()) {
			for (var field : schema.fields(category.getKey()).values()) {
				Map<String, Object> base = category.getValue();
				if (field.required()) {
					bodies.add(json(ChangeApiTests.with(base, field.name(), null)));
					bodies.add(json(ChangeApiTests.with(base, field.name(), "   ")));
				}
				for (Object wrong : wrongValues(field)) {
					bodies.add(json(ChangeApiTests.with(base, field.name(), wrong)));
				}
			}
			for (int i = 0; i < 10; i++) {
				bodies.add(json(ChangeApiTests.with(category.getValue(), "unknown" + random.nextInt(1000), "x")));
			}
		}
		// bigger than the body limit (256 KiB), as one huge field
		bodies.add(json(ChangeApiTests.with(ChangeApiTests.normalRequest(), "summary", "x".repeat(300 * 1024))));
		return bodies;
	}

	private List<Object> wrongValues(ChangeRequestSchema.Field field) {
		return switch (field.kind()) {
			case TEXT -> List.of(42, true, List.of("a"), Map.of("a", 1), "x".repeat(field.maxLength() + 1),
					"nul\u0000char");
			case CHOICE -> List.of("no-such-" + field.name(), 1, field.options().get(0).toUpperCase() + "!");
			case BOOLEAN -> List.of("yes", 1, "true");
			case NUMBER -> List.of("12", true, List.of(1), Map.of("n", 1));
		};
	}

	private static String json(Map<String, Object> body) {
		try {
			return ApiCalls.JSON.writeValueAsString(body);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
