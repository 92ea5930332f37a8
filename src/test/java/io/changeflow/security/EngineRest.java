package io.changeflow.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls to the running app's /engine-rest (and our own paths) as a demo user, whose password is their user id. */
final class EngineRest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	EngineRest(int port) {
		this.base = "http://localhost:" + port;
	}

	HttpResponse<String> get(String user, String path) {
		return send(user, "GET", "/engine-rest" + path, null);
	}

	HttpResponse<String> post(String user, String path, Object body) {
		return send(user, "POST", "/engine-rest" + path, body);
	}

	HttpResponse<String> put(String user, String path, Object body) {
		return send(user, "PUT", "/engine-rest" + path, body);
	}

	HttpResponse<String> delete(String user, String path) {
		return send(user, "DELETE", "/engine-rest" + path, null);
	}

	HttpResponse<String> send(String user, String method, String path, Object body) {
		try {
			return exchange(authorized(user, path).header("Content-Type", "application/json")
				.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The name of every deployment {@link #deploy} makes. */
	static final String DEPLOYMENT_NAME = "matrix";

	/** A deployment of one file, as multipart/form-data like Camunda Modeler sends it. */
	HttpResponse<String> deploy(String user, String fileName, String content) {
		String boundary = "changeflow" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
				+ DEPLOYMENT_NAME + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
				+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary
				+ "--\r\n";
		return exchange(authorized(user, "/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder authorized(String user, String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
	}

	private HttpResponse<String> exchange(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	static Map<String, Object> value(Object value) {
		return Map.of("value", value);
	}

}
