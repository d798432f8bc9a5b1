package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.whatsapphelpdesk.testkit.sandbox.SandboxRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes Graph API requests to the engine, renders Meta's error bodies and records every exchange. */
public final class GraphRouter implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(GraphRouter.class);
  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
  private static final int MAX_BODY = (int) MediaStore.MAX_UPLOAD_BYTES + 64 * 1024;
  private static final String JSON = "application/json; charset=UTF-8";

  private record Result(int status, String contentType, byte[] body) {
    static Result json(Map<String, Object> value) {
      return new Result(200, JSON, Json.write(value).getBytes(StandardCharsets.UTF_8));
    }
  }

  private final SandboxEngine engine;
  private final Supplier<String> baseUrl;
  private final Deque<SandboxRequest> recorded = new ArrayDeque<>();

  public GraphRouter(SandboxEngine engine, Supplier<String> baseUrl) {
    this.engine = engine;
    this.baseUrl = baseUrl;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = exchange.getRequestURI().getPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      Map<String, String> query = GraphQuery.parse(rawQuery);
      Result result;
      byte[] body = new byte[0];
      try {
        body = readBody(exchange.getRequestBody());
        result = route(method, path, query, exchange, body);
      } catch (ApiFailure f) {
        result = failure(f);
      } catch (RuntimeException e) {
        LOG.error("Sandbox request failed unexpectedly", e);
        result = failure(new ApiFailure(1, null, "An unknown error occurred", e.toString()));
      }
      if (result.status() == 401) {
        exchange.getResponseHeaders().set("WWW-Authenticate",
            "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token\"");
      }
      exchange.getResponseHeaders().set("Content-Type", result.contentType());
      record(exchange, method, path, query, body, result);
      exchange.sendResponseHeaders(result.status(), result.body().length == 0 ? -1 : result.body().length);
      if (result.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(result.body());
        }
      }
    }
  }

  private Result failure(ApiFailure f) {
    Map<String, Object> body = Json.obj("error", f.toErrorObject(engine.ids().fbtraceId()));
    return new Result(f.httpStatus(), JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  private Result route(String method, String path, Map<String, String> query, HttpExchange exchange,
      byte[] body) {
    String token = token(exchange, query);
    if (path.startsWith("/whatsapp_business/attachments")) {
      engine.authenticate(token);
      return download(method, query);
    }
    List<String> seg = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
    if (seg.isEmpty() || !VERSION.matcher(seg.get(0)).matches()) {
      throw new ApiFailure(100, null, "Unknown path components: " + path, null);
    }
    engine.authenticate(token);
    Settings s = engine.settings();
    String id = seg.size() > 1 ? seg.get(1) : "";
    if (seg.size() == 2) {
      if (id.equals("debug_token") && method.equals("GET")) {
        return Result.json(engine.debugToken(query.get("input_token")));
      }
      return node(method, id, query);
    }
    if (seg.size() == 3) {
      String edge = seg.get(2);
      String self = baseUrl.get() + path;
      switch (edge) {
        case "messages":
          if (method.equals("POST")) {
            Map<String, Object> sent = engine.send(id, body);
            if (engine.takeLostAnswer()) {
              // The message was accepted (its statuses follow); a proxy in front timed out and answered
              // with its own page, as a load balancer's 504 does: no Graph API error body.
              return new Result(504, "text/html",
                  "<html><body><h1>504 Gateway Time-out</h1></body></html>".getBytes(StandardCharsets.UTF_8));
            }
            return Result.json(sent);
          }
          break;
        case "media":
          if (method.equals("POST")) {
            return Result.json(upload(id, exchange.getRequestHeaders().getFirst("Content-Type"), body));
          }
          break;
        case "message_templates":
          if (id.equals(s.wabaId())) {
            synchronized (engine) {
              return switch (method) {
                case "GET" -> Result.json(engine.templates().list(query, self));
                case "POST" -> Result.json(engine.templates().create(Json.parseObject(body),
                    s.approveCreatedTemplates()));
                case "DELETE" -> Result.json(engine.templates().delete(query));
                default -> throw ApiFailure.unknownObject(method, id);
              };
            }
          }
          break;
        case "subscribed_apps":
          if (id.equals(s.wabaId())) {
            switch (method) {
              case "GET":
                return Result.json(engine.subscribedApps());
              case "POST":
                engine.setSubscribed(true);
                return Result.json(Json.obj("success", true));
              case "DELETE":
                engine.setSubscribed(false);
                return Result.json(Json.obj("success", true));
              default:
                throw ApiFailure.unknownObject(method, id);
            }
          }
          break;
        case "phone_numbers":
          if (id.equals(s.wabaId()) && method.equals("GET")) {
            return Result.json(PhoneNumberView.list(engine.numbers(), s.wabaId(), s.mps(), query.get("fields")));
          }
          break;
        default:
          break;
      }
      throw new ApiFailure(100, null, "Unknown path components: /" + edge, null);
    }
    throw new ApiFailure(100, null, "Unknown path components: " + path, null);
  }

  private Result node(String method, String id, Map<String, String> query) {
    Settings s = engine.settings();
    synchronized (engine) {
      if (engine.number(id) != null && method.equals("GET")) {
        return Result.json(PhoneNumberView.render(engine.number(id), s.wabaId(), s.mps(), query.get("fields")));
      }
      if (engine.media().get(id) != null) {
        if (method.equals("GET")) {
          return Result.json(engine.media().describe(id, baseUrl.get()));
        }
        if (method.equals("DELETE")) {
          engine.media().delete(id);
          return Result.json(Json.obj("success", true));
        }
      }
      for (TemplateStore.Stored t : engine.templates().byIdList(id)) {
        if (method.equals("GET")) {
          return Result.json(t.toJsonPublic(query.get("fields")));
        }
      }
    }
    throw ApiFailure.unknownObject(method, id);
  }

  private Map<String, Object> upload(String phoneNumberId, String contentType, byte[] body) {
    if (engine.number(phoneNumberId) == null) {
      throw ApiFailure.unknownObject("POST", phoneNumberId);
    }
    Multipart.Part file = null;
    String product = null;
    for (Multipart.Part p : Multipart.parse(contentType, body)) {
      if ("file".equals(p.name())) {
        file = p;
      } else if ("messaging_product".equals(p.name())) {
        product = p.text().trim();
      }
    }
    if (!"whatsapp".equals(product)) {
      throw ApiFailure.of(100, "The parameter messaging_product is required and must be whatsapp");
    }
    if (file == null) {
      throw ApiFailure.of(100, "The parameter file is required");
    }
    synchronized (engine) {
      return Json.obj("id", engine.media().upload(file.data(), file.contentType()));
    }
  }

  private Result download(String method, Map<String, String> query) {
    if (!method.equals("GET")) {
      return new Result(405, "text/plain", new byte[0]);
    }
    MediaStore.Media m;
    synchronized (engine) {
      m = engine.media().download(query.get("hash"));
    }
    if (m == null) {
      return new Result(404, "text/html", "<html><body>Not Found</body></html>"
          .getBytes(StandardCharsets.US_ASCII));
    }
    return new Result(200, m.mimeType(), m.bytes().clone());
  }

  private static String token(HttpExchange exchange, Map<String, String> query) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).trim();
    }
    return query.get("access_token");
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] data = in.readNBytes(MAX_BODY + 1);
    if (data.length > MAX_BODY) {
      throw ApiFailure.of(131053, "The request body exceeds " + MAX_BODY + " bytes");
    }
    return data;
  }

  private void record(HttpExchange exchange, String method, String path, Map<String, String> query,
      byte[] body, Result result) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT),
        k.equalsIgnoreCase("Authorization") ? List.of("Bearer ***") : List.copyOf(v)));
    Map<String, String> masked = new LinkedHashMap<>(query);
    masked.replaceAll((k, v) -> k.equals("access_token") || k.equals("input_token") ? "***" : v);
    boolean binary = !result.contentType().startsWith("application/json");
    String responseText = binary ? "<" + result.body().length + " bytes>"
        : new String(result.body(), StandardCharsets.UTF_8);
    SandboxRequest r = new SandboxRequest(engine.clock().instant(), method, path,
        GraphQuery.encode(masked), headers, body, result.status(), responseText);
    synchronized (recorded) {
      if (recorded.size() >= engine.settings().recordLimit()) {
        recorded.pollFirst();
      }
      recorded.addLast(r);
    }
  }

  /** A snapshot of recorded requests, oldest first. */
  public List<SandboxRequest> recorded() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  /** Forgets recorded requests. */
  public void clearRecorded() {
    synchronized (recorded) {
      recorded.clear();
    }
  }
}
