package io.changeflow.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.changeflow.ExternalComponent;
import io.changeflow.PostgresDatabase;
import io.changeflow.change.ApiCalls;

/**
 * changeflow as production runs it: the packaged jar ({@code ./mvnw verify} builds it before these tests; failsafe
 * passes its path as {@code changeflow.jar}) in a JVM of its own, stopped with SIGTERM or killed with SIGKILL.
 * Settings are command-line arguments; the output goes to {@code target/nodes/<name>-<n>.log}.
 */
public final class AppNode {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	private final String name;

	private final int port;

	private final Process process;

	private final Path log;

	private final ApiCalls api;

	private AppNode(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
		this.api = new ApiCalls(port);
	}

	/**
	 * The arguments of a node with the demo users on a PostgreSQL database, whose tables come from Flyway only, as in
	 * production.
	 */
	public static List<String> onPostgres(String url) {
		return List.of("--spring.profiles.active=postgres,demo", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + PostgresDatabase.USER,
				"--spring.datasource.password=" + PostgresDatabase.PASSWORD, "--camunda.bpm.database.schema-update=false");
	}

	/** A one-day holiday freeze half a year away: a test must not depend on the month it runs in. */
	public static List<String> holidayFreezeAway() {
		String day = LocalDate.now(ZoneOffset.UTC).plusDays(182).format(DateTimeFormatter.ofPattern("MM-dd"));
		return List.of("--changeflow.policy.holiday-freeze.start=" + day, "--changeflow.policy.holiday-freeze.end=" + day);
	}

	/** Skips the test class without the packaged app (fails it under CI). */
	public static void requireJar() {
		String jar = System.getProperty("changeflow.jar");
		ExternalComponent.require("The packaged app (failsafe runs these tests after ./mvnw package)",
				(jar == null) ? "system property changeflow.jar is not set"
						: Files.isRegularFile(Path.of(jar)) ? null : jar + " does not exist");
	}

	/**
	 * How the node's JVM runs the app.
	 * @param directory the JVM's working directory
	 * @param jvmArguments what follows {@code java -Xmx768m}, up to the app's own arguments
	 */
	public record Launch(Path directory, List<String> jvmArguments) {

		/** The packaged jar, as {@code java -jar} runs it. */
		public static Launch packagedJar() {
			return new Launch(Path.of("."), List.of("-jar", System.getProperty("changeflow.jar")));
		}

	}

	/** The java that runs the tests. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Starts the packaged jar and waits until it is ready (its readiness probe answers 200). */
	public static AppNode start(String name, List<String> arguments) throws IOException, InterruptedException {
		return start(name, Launch.packagedJar(), arguments);
	}

	public static AppNode start(String name, Launch launch, List<String> arguments)
			throws IOException, InterruptedException {
		int port = freePort();
		Path logs = Files.createDirectories(Path.of("target", "nodes"));
		Path log = logs.resolve(name + "-" + System.nanoTime() + ".log").toAbsolutePath();
		var command = new ArrayList<>(List.of(java(), "-Xmx768m"));
		command.addAll(launch.jvmArguments());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		var builder = new ProcessBuilder(command).directory(launch.directory().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("SPRING_PROFILES_ACTIVE");
		var node = new AppNode(name, port, builder.start(), log);
		node.awaitReady();
		return node;
	}

	public String name() {
		return name;
	}

	public ApiCalls api() {
		return api;
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** SIGTERM, as a container stop: graceful shutdown. @return the exit code */
	public int stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError(name + " did not stop within 2 minutes of SIGTERM; see " + log);
		}
		return process.exitValue();
	}

	/** SIGKILL: the node dies mid-work, with no shutdown of any kind. */
	public void kill() throws InterruptedException {
		process.destroyForcibly().waitFor();
	}

	public String logText() throws IOException {
		return Files.readString(log);
	}

	private void awaitReady() throws IOException, InterruptedException {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		var probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
			}
			try {
				if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			// often: the benchmark takes the time to readiness from here
			Thread.sleep(100);
		}
		process.destroyForcibly().waitFor();
		throw new AssertionError(name + " was not ready within " + STARTUP + ":\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public String toString() {
		return name + " on port " + port;
	}

}
