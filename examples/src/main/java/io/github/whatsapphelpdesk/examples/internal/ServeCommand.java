package io.github.whatsapphelpdesk.examples.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.whatsapphelpdesk.client.CloudApiGateway;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.bridge.HelpdeskBridge;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.examples.ConfigException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapters;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve}: the bridge as a small server on the JDK HttpServer, configured from environment
 * variables or a properties file (same names). It refuses to start when the configuration is wrong,
 * naming every missing or invalid setting, and never prints a secret.
 */
public final class ServeCommand implements Command {

  /** The validated settings. {@link #toString()} never shows a secret. */
  public record Config(String token, String phoneNumberId, String wabaId, String appSecret, String verifyToken,
      String graphBaseUrl, int port, String helpdesk, Map<String, String> helpdeskSettings, boolean shadow,
      int rolloutPercent, String adminToken) {
    /** The settings without operator endpoints. */
    public Config(String token, String phoneNumberId, String wabaId, String appSecret, String verifyToken,
        String graphBaseUrl, int port, String helpdesk, Map<String, String> helpdeskSettings, boolean shadow,
        int rolloutPercent) {
      this(token, phoneNumberId, wabaId, appSecret, verifyToken, graphBaseUrl, port, helpdesk, helpdeskSettings,
          shadow, rolloutPercent, null);
    }

    @Override
    public String toString() {
      return "Config[phoneNumberId=" + phoneNumberId + ", wabaId=" + wabaId + ", port=" + port + ", helpdesk="
          + helpdesk + ", helpdeskSettings=" + helpdeskSettings.keySet() + ", shadow=" + shadow + ", rollout="
          + rolloutPercent + "%, token=***, appSecret=***, verifyToken=***, admin="
          + (adminToken == null ? "off" : "on") + "]";
    }
  }

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "run the bridge server from environment variables or a properties file";
  }

  @Override
  public String usage() {
    return """
        usage: serve [--config FILE]

        Settings (environment variables, or keys of the same name in --config FILE):
          WA_ACCESS_TOKEN       required  system-user access token
          WA_PHONE_NUMBER_ID    required  the business phone number id
          WA_WABA_ID            required  the WhatsApp Business Account id
          WA_APP_SECRET         required  the app secret (webhook signatures)
          WA_VERIFY_TOKEN       required  the webhook verify token (subscription handshake)
          WA_GRAPH_BASE_URL     optional  default https://graph.facebook.com
          PORT                  optional  default 8080
          HELPDESK              optional  zendesk | freshdesk | in-memory (default in-memory)
          HELPDESK_*            adapter settings, prefix removed and lower-cased (see docs/zendesk.md, docs/freshdesk.md)
          BRIDGE_SHADOW_MODE    optional  true: record outbound messages instead of sending
          BRIDGE_ROLLOUT_PERCENT optional 0-100, default 100
          BRIDGE_ADMIN_TOKEN    optional  enables the operator endpoints (at least 32 characters)

        Endpoints: GET/POST /webhooks/whatsapp, POST /helpdesk/replies (the adapter's agent-reply webhook:
        Zendesk trigger, Freshdesk automation, or the custom-CRM JWT webhook), GET /healthz; with
        BRIDGE_ADMIN_TOKEN also GET /admin/outbox and POST /admin/outbox/redrive (the redrive command).
        """;
  }

  /** Reads and validates the settings; throws {@link ConfigException} naming every problem. */
  public static Config config(Map<String, String> source) {
    List<String> problems = new ArrayList<>();
    String token = required(source, "WA_ACCESS_TOKEN", problems);
    String pn = required(source, "WA_PHONE_NUMBER_ID", problems);
    String waba = required(source, "WA_WABA_ID", problems);
    String secret = required(source, "WA_APP_SECRET", problems);
    String verify = required(source, "WA_VERIFY_TOKEN", problems);
    if (pn != null && !pn.chars().allMatch(Character::isDigit)) {
      problems.add("WA_PHONE_NUMBER_ID must be digits (the id, not the phone number)");
    }
    if (waba != null && !waba.chars().allMatch(Character::isDigit)) {
      problems.add("WA_WABA_ID must be digits");
    }
    if (verify != null && verify.equals(secret)) {
      problems.add("WA_VERIFY_TOKEN must differ from WA_APP_SECRET (they play different roles)");
    }
    String base = source.getOrDefault("WA_GRAPH_BASE_URL", "https://graph.facebook.com");
    if (!base.startsWith("https://") && !base.startsWith("http://127.0.0.1") && !base.startsWith("http://localhost")) {
      problems.add("WA_GRAPH_BASE_URL must be https:// (plain http only on loopback)");
    }
    int port = intSetting(source, "PORT", 8080, 0, 65535, problems);
    int rollout = intSetting(source, "BRIDGE_ROLLOUT_PERCENT", 100, 0, 100, problems);
    String shadowText = source.getOrDefault("BRIDGE_SHADOW_MODE", "false").toLowerCase(Locale.ROOT);
    if (!shadowText.equals("true") && !shadowText.equals("false")) {
      problems.add("BRIDGE_SHADOW_MODE must be true or false");
    }
    String helpdesk = source.getOrDefault("HELPDESK", "in-memory").toLowerCase(Locale.ROOT);
    if (!Set.of("zendesk", "freshdesk", "in-memory").contains(helpdesk)) {
      problems.add("HELPDESK must be zendesk, freshdesk or in-memory");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    source.forEach((k, v) -> {
      if (k.startsWith("HELPDESK_")) {
        settings.put(k.substring("HELPDESK_".length()).toLowerCase(Locale.ROOT), v);
      }
    });
    String admin = source.get("BRIDGE_ADMIN_TOKEN");
    admin = admin == null || admin.isBlank() ? null : admin.strip();
    if (admin != null && admin.length() < 32) {
      problems.add("BRIDGE_ADMIN_TOKEN must be at least 32 characters");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Config(token, pn, waba, secret, verify, base, port, helpdesk, Map.copyOf(settings),
        shadowText.equals("true"), rollout, admin);
  }

  private static String required(Map<String, String> s, String key, List<String> problems) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      problems.add(key + " is required");
      return null;
    }
    return v.strip();
  }

  private static int intSetting(Map<String, String> s, String key, int dflt, int min, int max, List<String> problems) {
    String v = s.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.strip());
      if (i < min || i > max) {
        problems.add(key + " must be between " + min + " and " + max);
      }
      return i;
    } catch (NumberFormatException e) {
      problems.add(key + " must be a number");
      return dflt;
    }
  }

  @Override
  public int run(List<String> argList, Console console) throws Exception {
    Args args = Args.parse(argList, Set.of("config"), Set.of());
    Map<String, String> source = new HashMap<>(console.env());
    if (args.option("config").isPresent()) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(args.option("config").get()))) {
        p.load(r);
      }
      p.forEach((k, v) -> source.put(k.toString(), v.toString()));
    }
    Config config = config(source);
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (Server server = start(config)) {
      console.out().println("bridge listening on port " + server.port() + " with " + config);
      stop.await();
    }
    return 0;
  }

  /** Starts the server; close it to stop (graceful: in-flight requests finish, queued messages stay in the outbox). */
  public static Server start(Config config) throws IOException {
    WhatsAppClient client = WhatsAppClient.builder().accessToken(config.token()).phoneNumberId(config.phoneNumberId())
        .wabaId(config.wabaId()).baseUrl(config.graphBaseUrl()).build();
    Map<String, String> settings = new HashMap<>(config.helpdeskSettings());
    settings.put("adapter", config.helpdesk());
    HelpdeskAdapter adapter = config.helpdesk().equals("in-memory") ? InMemoryHelpdesk.create()
        : HelpdeskAdapters.resolve(null, ServeCommand.class.getClassLoader(), settings);
    HelpdeskBridge.Builder bridgeBuilder = HelpdeskBridge.builder().adapter(adapter)
        .gateway(CloudApiGateway.of(client)).shadowMode(config.shadow()).rolloutPercent(config.rolloutPercent());
    if (client.outboundLimiter() instanceof DefaultOutboundLimiter limiter) {
      bridgeBuilder.outboundLimiter(limiter); // business_capability_update limits reach the client's limiter
    }
    HelpdeskBridge bridge = bridgeBuilder.build();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    WebhookHandler handler = WebhookHandler.builder().appSecret(config.appSecret()).verifyToken(config.verifyToken())
        .listener(bridge).executor(workers).build();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    bridge.start(ticker, Duration.ofSeconds(1));
    HttpServer http = HttpServer.create(new InetSocketAddress(config.port()), 0);
    mountWebhook(http, "/webhooks/whatsapp", () -> handler);
    http.createContext("/helpdesk/replies", ex -> {
      WebhookRequest req = WebhookRequest.builder().method(ex.getRequestMethod()).path(ex.getRequestURI().getPath())
          .query(query(ex)).headers(new HashMap<>(ex.getRequestHeaders())).body(body(ex)).build();
      try {
        int n = bridge.onAgentReplyWebhook(req);
        respond(ex, WebhookResponse.text(200, "accepted " + n));
      } catch (WebhookVerificationException e) {
        respond(ex, WebhookResponse.text(401, "unauthorized"));
      } catch (RuntimeException e) {
        respond(ex, WebhookResponse.text(503, "retry later"));
      }
    });
    if (config.adminToken() != null) {
      AdminEndpoints.mount(http, bridge.operations(), config.adminToken());
    }
    http.createContext("/healthz", ex -> respond(ex, WebhookResponse.text(200, "ok " + bridge.stats())));
    http.setExecutor(Executors.newFixedThreadPool(4));
    http.start();
    return new Server(http, bridge, ticker, workers, client, adapter);
  }

  /** A running bridge server. */
  public record Server(HttpServer http, HelpdeskBridge bridge, ScheduledExecutorService ticker,
      ExecutorService workers, WhatsAppClient client, HelpdeskAdapter adapter) implements AutoCloseable {
    /** The bound port. */
    public int port() {
      return http.getAddress().getPort();
    }

    @Override
    public void close() {
      http.stop(2);
      bridge.close();
      ticker.shutdown();
      workers.shutdown();
      try {
        workers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      bridge.processOutbox();
      client.close();
      adapter.close();
    }
  }

  /**
   * Mounts a WhatsApp {@link WebhookHandler} on the JDK HttpServer: raw body bytes, decoded query,
   * headers as given. The supplier lets a caller create the handler after the server is up.
   */
  static void mountWebhook(HttpServer http, String path, java.util.function.Supplier<WebhookHandler> handler) {
    http.createContext(path, ex -> respond(ex, handler.get().handle(ex.getRequestMethod(), query(ex),
        new HashMap<>(ex.getRequestHeaders()), body(ex))));
  }

  private static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return in.readNBytes(3 * 1024 * 1024 + 1);
    }
  }

  private static Map<String, List<String>> query(HttpExchange ex) {
    Map<String, List<String>> q = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String part : raw.split("&")) {
        int eq = part.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return q;
  }

  private static void respond(HttpExchange ex, WebhookResponse r) throws IOException {
    byte[] b = r.bodyBytes();
    ex.getResponseHeaders().set("Content-Type", r.contentType() == null ? "text/plain" : r.contentType());
    ex.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      ex.getResponseBody().write(b);
    }
    ex.close();
  }
}
