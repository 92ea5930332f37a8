package io.changeflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The admin password, the datasource password and webhook secrets reach no log line, no response and no startup
 * failure: the app runs in prod with distinctive ones, is logged in to rightly and wrongly, and refuses two starts.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTests {

	private static final String ADMIN_PASSWORD = "Admin-Zebra-Quokka-7781";

	private static final String WRONG_PASSWORD = "Wrong-Pangolin-Tapir-3317";

	// refused for equalling the user id: neither may appear in the refusal
	private static final String REFUSED_PASSWORD = "Okapi-Operator-40417733";

	private static final String DATASOURCE_PASSWORD = "Datasource-Narwhal-5523";

	private static final String WEBHOOK_SECRET = "Webhook-Axolotl-9904";

	private static final List<String> SECRETS = List.of(ADMIN_PASSWORD, WRONG_PASSWORD, REFUSED_PASSWORD,
			DATASOURCE_PASSWORD, WEBHOOK_SECRET);

	@Test
	void secretsReachNoLogLineNoResponseAndNoStartupFailure(CapturedOutput output) throws Exception {
		var responses = new ArrayList<String>();
		try (var app = ProductionApp.startProd("secrets", withSecrets("http://localhost:9/hooks",
				"--CHANGEFLOW_ADMIN_PASSWORD=" + ADMIN_PASSWORD))) {
			var paths = List.of("/api/freezes", "/engine-rest/user/admin/profile");
			for (String path : paths) {
				var login = ProductionApp.get(app, path, "admin", ADMIN_PASSWORD);
				assertThat(login.statusCode()).as(path).isEqualTo(200);
				responses.add(login.body());
			}
			// the configuration and environment stay unexposed, even to the admin
			for (String path : List.of("/actuator/env", "/actuator/env/CHANGEFLOW_ADMIN_PASSWORD",
					"/actuator/configprops", "/actuator/configprops/changeflow.security.admin")) {
				var response = ProductionApp.get(app, path, "admin", ADMIN_PASSWORD);
				assertThat(response.statusCode()).as(path).isEqualTo(404);
				responses.add(response.body());
			}
			var actuator = ProductionApp.get(app, "/actuator", "admin", ADMIN_PASSWORD);
			assertThat(actuator.body()).contains("/actuator/health")
				.doesNotContain("/actuator/env")
				.doesNotContain("/actuator/configprops");
			// last: a wrong password delays the admin's next login
			for (String path : paths) {
				var wrong = ProductionApp.get(app, path, "admin", WRONG_PASSWORD);
				assertThat(wrong.statusCode()).as(path).isEqualTo(401);
				responses.add(wrong.body());
			}
		}
		finally {
			ProductionApp.drop("secrets", DATASOURCE_PASSWORD);
		}

		var refusals = new ArrayList<Throwable>();
		try {
			refusals.add(catchThrowable(() -> ProductionApp.startProd("secrets-refused-admin",
					withSecrets("http://localhost:9/hooks", "--CHANGEFLOW_ADMIN_USER=" + REFUSED_PASSWORD,
							"--CHANGEFLOW_ADMIN_PASSWORD=" + REFUSED_PASSWORD))));
			refusals.add(catchThrowable(() -> ProductionApp.startProd("secrets-refused-webhook",
					withSecrets("localhost:9/hooks", "--CHANGEFLOW_ADMIN_PASSWORD=" + ADMIN_PASSWORD))));
		}
		finally {
			ProductionApp.drop("secrets-refused-admin", DATASOURCE_PASSWORD);
			ProductionApp.drop("secrets-refused-webhook", DATASOURCE_PASSWORD);
		}
		assertThat(refusals).doesNotContainNull();
		assertThat(stackTrace(refusals.get(0))).contains("must not equal the admin's user id");
		assertThat(stackTrace(refusals.get(1))).contains("subscriptions[0].url must be an absolute http(s) URL");

		// the capture is real: it holds the run, the logins' traces and both refusals
		assertThat(output.getAll()).contains("Process Engine default created")
			.contains("must not equal the admin's user id")
			.contains("subscriptions[0].url must be an absolute http(s) URL");
		for (String secret : SECRETS) {
			assertThat(output.getAll()).as("output").doesNotContain(secret);
			assertThat(responses).as("responses").noneMatch(body -> body.contains(secret));
			assertThat(refusals).as("startup failures").noneMatch(refusal -> stackTrace(refusal).contains(secret));
		}
	}

	private static String[] withSecrets(String webhookUrl, String... arguments) {
		var args = new ArrayList<>(List.of(arguments));
		// H2 creates the in-memory database with this password
		args.add("--spring.datasource.password=" + DATASOURCE_PASSWORD);
		args.add("--changeflow.webhooks.subscriptions[0].name=pipeline");
		args.add("--changeflow.webhooks.subscriptions[0].url=" + webhookUrl);
		args.add("--changeflow.webhooks.subscriptions[0].secret=" + WEBHOOK_SECRET);
		args.add("--changeflow.webhooks.subscriptions[0].events=change.phase");
		return args.toArray(String[]::new);
	}

	private static String stackTrace(Throwable failure) {
		var trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

}
