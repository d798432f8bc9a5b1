package io.github.whatsapphelpdesk.examples.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.bridge.BridgeOperations;
import io.github.whatsapphelpdesk.bridge.BridgeOperations.RedriveResult;
import io.github.whatsapphelpdesk.store.OutboxEntry;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoints of {@code serve}, mounted only when {@code BRIDGE_ADMIN_TOKEN} is set and
 * guarded by {@code Authorization: Bearer <token>} (compared in constant time):
 * <ul>
 *   <li>{@code GET /admin/outbox}: the dead letters and the unconfirmed sends, one per line:
 *       {@code <id> <status> attempts=<n> <last error>} (never message text);
 *   <li>{@code POST /admin/outbox/redrive?id=<id>}: re-drives one entry; 200, or 404 / 409 with the reason;
 *   <li>{@code POST /admin/outbox/redrive?all=dead}: re-drives every re-drivable dead letter.
 * </ul>
 * The {@code redrive} command is their client.
 */
final class AdminEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);
  /** The most entries listed or re-driven by one request. */
  static final int LIMIT = 1_000;

  private AdminEndpoints() {}

  static void mount(HttpServer http, BridgeOperations ops, String adminToken) {
    byte[] expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    http.createContext("/admin/outbox", ex -> {
      try (ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
          LOG.info("Admin request to {} refused: {}", ex.getRequestURI().getPath(),
              auth == null ? "no Authorization header" : "wrong token");
          send(ex, 401, "unauthorized\n");
          return;
        }
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/admin/outbox") && method.equals("GET")) {
          StringBuilder sb = new StringBuilder();
          for (OutboxEntry e : concat(ops.deadLetters(LIMIT), ops.unconfirmed(LIMIT))) {
            sb.append(e.id()).append(' ').append(e.status()).append(" attempts=").append(e.attempts()).append(' ')
                .append(e.lastError() == null ? "-" : e.lastError().replace('\n', ' ')).append('\n');
          }
          send(ex, 200, sb.toString());
        } else if (path.equals("/admin/outbox/redrive") && method.equals("POST")) {
          Map<String, String> q = query(ex.getRequestURI().getRawQuery());
          if ("dead".equals(q.get("all"))) {
            send(ex, 200, "REDRIVEN " + ops.redriveDeadLetters(e -> true, LIMIT) + "\n");
          } else if (q.containsKey("id") && !q.get("id").isBlank()) {
            RedriveResult r = ops.redrive(q.get("id"));
            int status = switch (r) {
              case REDRIVEN -> 200;
              case NOT_FOUND -> 404;
              case NOT_REDRIVABLE, TOO_EARLY -> 409;
            };
            send(ex, status, r + " " + q.get("id") + "\n");
          } else {
            send(ex, 400, "give id=<outbox entry id> or all=dead\n");
          }
        } else {
          send(ex, path.equals("/admin/outbox") || path.equals("/admin/outbox/redrive") ? 405 : 404, "not found\n");
        }
      }
    });
  }

  private static List<OutboxEntry> concat(List<OutboxEntry> a, List<OutboxEntry> b) {
    List<OutboxEntry> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        int eq = part.indexOf('=');
        q.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
  }
}
