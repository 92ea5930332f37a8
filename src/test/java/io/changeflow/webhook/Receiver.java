package io.changeflow.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a local port, as a pipeline would run one: records every request and answers with the
 * statuses it is told, 204 when told nothing. It can go down and come back on the same port.
 */
final class Receiver {

	private final int port;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<Integer> statuses = new ArrayDeque<>();

	private HttpServer server;

	private Receiver(int port) {
		this.port = port;
	}

	/** A receiver on a free port, up. */
	static Receiver start() {
		Receiver receiver = new Receiver(freePort());
		receiver.up();
		return receiver;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + port + "/hooks/changeflow";
	}

	synchronized void up() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/hooks/changeflow", this::handle);
		server.start();
	}

	/** Refuses connections from now on, until {@link #up()}. */
	synchronized void down() {
		server.stop(0);
	}

	/** The next answers, in order; 204 after them. */
	synchronized void answer(Integer... statuses) {
		this.statuses.addAll(List.of(statuses));
	}

	List<Request> requests() {
		return List.copyOf(requests);
	}

	synchronized void reset() {
		requests.clear();
		statuses.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		var headers = Map.of("Content-Type", header(exchange, "Content-Type"), "X-Changeflow-Event",
				header(exchange, "X-Changeflow-Event"), "X-Changeflow-Delivery",
				header(exchange, "X-Changeflow-Delivery"), "X-Changeflow-Timestamp",
				header(exchange, "X-Changeflow-Timestamp"), "X-Changeflow-Signature",
				header(exchange, "X-Changeflow-Signature"));
		requests.add(new Request(exchange.getRequestMethod(), headers, body));
		int status;
		synchronized (this) {
			status = statuses.isEmpty() ? 204 : statuses.poll();
		}
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private static String header(HttpExchange exchange, String name) {
		String value = exchange.getRequestHeaders().getFirst(name);
		return (value != null) ? value : "";
	}

	/** @param headers the webhook headers, "" when missing */
	record Request(String method, Map<String, String> headers, String body) {

		String header(String name) {
			return headers.get(name);
		}

	}

}
