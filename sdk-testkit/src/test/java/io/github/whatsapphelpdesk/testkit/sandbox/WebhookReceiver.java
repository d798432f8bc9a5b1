package io.github.whatsapphelpdesk.testkit.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A webhook endpoint for tests: records raw bodies and signatures, answers queued statuses (default 200). */
final class WebhookReceiver implements AutoCloseable {
  record Received(byte[] body, String signature) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/webhook", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        synchronized (this) {
          received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256")));
          Integer s = statuses.pollFirst();
          status = s == null ? 200 : s;
        }
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
  }

  /** The next POSTs are answered with these statuses, in order. */
  synchronized void answer(int... codes) {
    for (int c : codes) {
      statuses.addLast(c);
    }
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
