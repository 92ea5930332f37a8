package io.changeflow.change;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls our /api over real HTTP as a demo user (password = user id), the way a pipeline does. */
public final class ApiCalls {

	public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	public ApiCalls(int port) {
		this.base = "http://localhost:" + port;
	}

	/** e.g. http://localhost:8080 */
	public String baseUrl() {
		return base;
	}

	public Response get(String user, String path, String... headers) {
		var request = request(user, path).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	public Response post(String user, String path, String body, String... headers) {
		var request = request(user, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	public Response post(String user, String path, Object body, String... headers) {
		try {
			return post(user, path, JSON.writeValueAsString(body), headers);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/** Sent chunked, without a Content-Length, as streaming clients do. */
	Response postChunked(String user, String path, byte[] body) {
		return send(request(user, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	private HttpRequest.Builder request(String user, String path) {
		var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	Response send(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Not JSON (" + status + "): " + body, ex);
			}
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

	}

}
