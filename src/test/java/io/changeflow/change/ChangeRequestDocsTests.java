package io.changeflow.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.changeflow.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI description documents the API as it checks requests, and Swagger UI serves it. */
@AppTest
class ChangeRequestDocsTests {

	@LocalServerPort
	int port;

	@Test
	void theOpenApiDescriptionDocumentsEveryCategorysRequest() {
		var api = new ApiCalls(port);
		var docs = api.get("alice", "/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		JsonNode openApi = docs.json();
		assertThat(openApi.get("paths").fieldNames()).toIterable()
			.contains("/api/changes", "/api/changes/{changeId}", "/api/changes/{changeId}/gate",
					"/api/changes/{changeId}/cancel", "/api/freezes")
			.allMatch(path -> path.startsWith("/api/"));
		JsonNode normal = openApi.at("/components/schemas/NormalChangeRequest");
		assertThat(normal.get("required").toString()).contains("\"title\"", "\"commitSha\"", "\"requestedDate\"");
		assertThat(normal.at("/properties/riskLevel/enum").toString()).contains("low", "critical");
		assertThat(normal.at("/properties/summary/maxLength").asInt()).isEqualTo(ChangeRequestSchema.TEXT_LENGTH);
		assertThat(openApi.at("/components/schemas/EmergencyChangeRequest/required").toString())
			.doesNotContain("commitSha");
		assertThat(openApi.at("/components/schemas/RuntimeUpgradeChangeRequest/properties/wasmHash/pattern").asText())
			.isEqualTo("^0x[0-9a-fA-F]{64}$");
		assertThat(openApi.at("/paths/~1api~1changes/post/requestBody/content/application~1json/schema/oneOf"))
			.hasSize(4);
		assertThat(openApi.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
	}

	@Test
	void swaggerUiIsServedToAnyAuthenticatedUser() {
		var api = new ApiCalls(port);
		assertThat(api.get("alice", "/swagger-ui.html").header("Location")).endsWith("/swagger-ui/index.html");
		var page = api.get("alice", "/swagger-ui/index.html");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("swagger-ui");
	}

}
