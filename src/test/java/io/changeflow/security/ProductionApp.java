package io.changeflow.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.changeflow.ChangeflowApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * changeflow started by hand, as production starts it, on an in-memory database of its own (kept until
 * {@link #drop}): settings as command-line arguments, the admin's as the environment variables application-prod.yaml
 * reads. Close what {@link #start} returns.
 */
final class ProductionApp {

	private ProductionApp() {
	}

	static String url(String database) {
		return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
	}

	/** @param profiles with "test" (no job executor, no webhook polling) */
	static ConfigurableApplicationContext start(String database, List<String> profiles, String... arguments) {
		var args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url(database)));
		args.addAll(List.of(arguments));
		var context = new SpringApplicationBuilder(ChangeflowApplication.class)
			.profiles(profiles.toArray(String[]::new))
			.run(args.toArray(String[]::new));
		// /engine-rest and the webapps find the engine named "default" in Camunda's JVM-wide registry
		ProcessEngines.registerProcessEngine(context.getBean(ProcessEngine.class));
		return context;
	}

	static ConfigurableApplicationContext startProd(String database, String... arguments) {
		return start(database, List.of("test", "prod"), arguments);
	}

	static void drop(String database) throws SQLException {
		drop(database, "");
	}

	/** @param password the datasource password the database was created with (user "sa") */
	static void drop(String database, String password) throws SQLException {
		try (var connection = DriverManager.getConnection(url(database), "sa", password)) {
			connection.createStatement().execute("SHUTDOWN");
		}
	}

	static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String user, String password)
			throws IOException, InterruptedException {
		return send(app, path, "Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	static HttpResponse<String> send(ConfigurableApplicationContext app, String path, String... headers)
			throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
