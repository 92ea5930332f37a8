package io.changeflow.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description of /api ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI changeflowApi() {
		return new OpenAPI()
			.info(new Info().title("changeflow API")
				.version("v1")
				.description("Changes for CI/CD tooling: open a change, wait on its deployment gate, report the result."
						+ " Errors are RFC 7807 problem details. Authenticate with HTTP Basic as a user of the"
						+ " engine's identity store; see docs/tooling.md for a pipeline walk-through."))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
