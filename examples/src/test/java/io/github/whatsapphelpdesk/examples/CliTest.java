package io.github.whatsapphelpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.examples.internal.DemoCommand;
import io.github.whatsapphelpdesk.examples.internal.ServeCommand;
import io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox;
import io.github.whatsapphelpdesk.webhook.WebhookSignatureVerifier;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path resource(String name) throws Exception {
    Path p = dir.resolve(name);
    try (var in = getClass().getResourceAsStream("/webhooks/" + name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  @Test
  void demoPlaysTheScriptedDayAndItsSummaryHolds() throws Exception {
    DemoCommand.Summary s = DemoCommand.play(new PrintStream(OutputStream.nullOutputStream()));
    assertThat(s.tickets()).isEqualTo(43);           // Ana, Ben, Cleo and the 40 of the burst
    assertThat(s.customerMessages()).isEqualTo(45);  // 43 first messages, Cleo's thanks, Ana's STOP
    assertThat(s.repliesSent()).isEqualTo(44);       // 2 + 1 template + 40 + the CSAT question
    assertThat(s.templatesSent()).isEqualTo(1);
    assertThat(s.rejections130429()).isZero();
    assertThat(s.duplicatesSkipped()).isEqualTo(1);
    assertThat(s.windowWarnings()).isGreaterThanOrEqualTo(1);
    assertThat(s.csatAnswers()).isEqualTo(1);
    assertThat(s.optOuts()).isEqualTo(1);
    assertThat(s.heldReplies()).isZero();
  }

  @Test
  void verifySignatureSaysMatchAndNamesTheCauseWhenNot() throws Exception {
    Path body = resource("text-message.json");
    byte[] bytes = Files.readAllBytes(body);
    String good = WebhookSignatureVerifier.sign("app-secret-1", bytes);
    assertThat(run(Map.of(), "verify-signature", "--body", body.toString(), "--signature", good,
        "--app-secret", "app-secret-1")).isZero();
    assertThat(out()).contains("MATCH");

    out.reset();
    assertThat(run(Map.of("WA_APP_SECRET", "other"), "verify-signature", "--body", body.toString(), "--signature", good))
        .isEqualTo(1);
    assertThat(out()).contains("NO MATCH").contains("wrong app secret");

    out.reset();
    String byVerifyToken = WebhookSignatureVerifier.sign("my-verify-token", bytes);
    run(Map.of(), "verify-signature", "--body", body.toString(), "--signature", byVerifyToken,
        "--app-secret", "app-secret-1", "--verify-token", "my-verify-token");
    assertThat(out()).contains("VERIFY TOKEN");

    out.reset();
    // Meta signs its ASCII-escaped bytes; a framework that re-serialised the JSON hands over "café".
    String metaBody = "{\"object\":\"whatsapp_business_account\",\"text\":\"caf\\u00e9\"}";
    Path captured = dir.resolve("captured.json");
    Files.writeString(captured, "{\"object\":\"whatsapp_business_account\",\"text\":\"caf\u00e9\"}");
    run(Map.of(), "verify-signature", "--body", captured.toString(), "--signature",
        WebhookSignatureVerifier.sign("s", metaBody.getBytes(StandardCharsets.UTF_8)), "--app-secret", "s");
    assertThat(out()).contains("re-serialised");

    out.reset();
    assertThat(run(Map.of(), "verify-signature", "--body", body.toString(), "--signature", "sha1=abc",
        "--app-secret", "s")).isEqualTo(1);
    assertThat(out()).contains("MALFORMED");
    assertThat(run(Map.of(), "verify-signature", "--body", body.toString())).isEqualTo(2);
  }

  @Test
  void parseWebhookPrintsOneLinePerEvent() throws Exception {
    assertThat(run(Map.of(), "parse-webhook", resource("image-message.json").toString())).isZero();
    assertThat(out()).contains("\"type\":\"InboundMessage\"").contains("\"content\":\"image\"");
    out.reset();
    assertThat(run(Map.of(), "parse-webhook", resource("textMessageStatusDelivered.json").toString())).isZero();
    assertThat(out()).contains("\"type\":\"StatusUpdate\"").contains("\"status\":\"DELIVERED\"");
    out.reset();
    // The one malformed conformance payload gets the typed error.
    assertThat(run(Map.of(), "parse-webhook", resource("textMessageStatusRead.json").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("parse error");
  }

  @Test
  void parseWebhookShowsTheNewMessagingLimit() throws Exception {
    // Meta sends integers (business_capability_update webhook reference)
    assertThat(run(Map.of(), "parse-webhook", resource("business-capability-update.json").toString())).isZero();
    assertThat(out()).contains("\"type\":\"BusinessCapabilityUpdate\"").contains("\"messaging_limit\":\"2000\"")
        .contains("\"max_phone_numbers_per_business\":20");
    out.reset();
    assertThat(run(Map.of(), "parse-webhook", resource("call-user-initiated-connect.json").toString())).isZero();
    assertThat(out()).contains("\"type\":\"CallEvent\"").contains("\"call\":\"CONNECT USER_INITIATED\"")
        .contains("\"opens_window\":true").contains("\"bsuid\":\"US.13491208655302741918\"");
  }

  @Test
  void parseWebhookShowsCustomerIdentity() throws Exception {
    // A username-only customer: no phone number, the BSUID and username are printed for the operator.
    assertThat(run(Map.of(), "parse-webhook", resource("bsuid-message-username-only.json").toString())).isZero();
    assertThat(out()).contains("\"type\":\"InboundMessage\"").contains("\"from\":null")
        .contains("\"bsuid\":\"US.13491208655302741918\"").contains("\"phone\":null")
        .contains("\"username\":\"@sheena.n\"").contains("\"phone_number_id\":\"106540352242922\"")
        .doesNotContain("where is my order");
    out.reset();
    assertThat(run(Map.of(), "parse-webhook", resource("bsuid-user-id-update.json").toString())).isZero();
    assertThat(out()).contains("\"type\":\"UserIdUpdate\"")
        .contains("\"change\":\"BSUID US.13491208655302741918 -> US.24817305912873645029\"")
        .contains("\"bsuid\":\"US.24817305912873645029\"").contains("\"phone\":\"16505559876\"")
        .contains("\"key\":\"user_id_update:");
    out.reset();
    assertThat(run(Map.of(), "parse-webhook", resource("bsuid-system-user-changed-number.json").toString())).isZero();
    assertThat(out()).contains("\"system_type\":\"user_changed_number\"")
        .contains("\"new_bsuid\":\"US.24817305912873645029\"")
        .contains("\"previous_bsuid\":\"US.13491208655302741918\"").contains("\"new_phone\":\"16505559876\"");
    out.reset();
    assertThat(run(Map.of(), "parse-webhook", "--help")).isZero();
    assertThat(out() + err.toString(StandardCharsets.UTF_8)).contains("unmasked");
  }

  @Test
  void preflightAgainstTheSandbox() {
    try (CloudApiSandbox sandbox = CloudApiSandbox.builder().start()) {
      Map<String, String> env = Map.of("WA_ACCESS_TOKEN", sandbox.accessToken());
      int code = run(env, "preflight", "--base-url", sandbox.baseUrl(), "--phone-number-id", sandbox.phoneNumberId(),
          "--waba-id", sandbox.wabaId());
      assertThat(out()).contains("PASS token").contains("number status").contains("approved templates")
          .contains("WARN paused templates").contains("spring_sale")
          .contains("PASS webhook subscription   Cloud API Sandbox (" + sandbox.appId() + ")")
          .doesNotContain("not checked");
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("[4/4]");
      assertThat(code).isZero();
      out.reset();
      sandbox.setSubscribed(false);
      assertThat(run(env, "preflight", "--base-url", sandbox.baseUrl(), "--phone-number-id", sandbox.phoneNumberId(),
          "--waba-id", sandbox.wabaId())).isEqualTo(1);
      assertThat(out()).contains("FAIL webhook subscription   no app is subscribed")
          .contains("fix: POST /{waba-id}/subscribed_apps with the system-user token")
          .contains("App Dashboard > WhatsApp > Configuration")
          .contains("PASS token");
      out.reset();
      assertThat(run(env, "preflight", "--base-url", sandbox.baseUrl(), "--phone-number-id", sandbox.phoneNumberId(),
          "--waba-id", "999")).isEqualTo(1);
      assertThat(out()).containsPattern("FAIL webhook subscription +\\S.*subscribed_apps")
          .contains("check WA_WABA_ID and whatsapp_business_management; then POST /{waba-id}/subscribed_apps");
      out.reset();
      assertThat(run(Map.of("WA_ACCESS_TOKEN", "wrong"), "preflight", "--base-url", sandbox.baseUrl(),
          "--phone-number-id", sandbox.phoneNumberId(), "--waba-id", sandbox.wabaId())).isEqualTo(1);
      assertThat(out()).contains("FAIL token");
    }
  }

  @Test
  void serveRefusesBadConfigurationNamingEverySettingAndNoSecret() {
    assertThat(run(Map.of("WA_APP_SECRET", "top-secret-value", "WA_PHONE_NUMBER_ID", "+4915112345678",
        "PORT", "99999"), "serve")).isEqualTo(2);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e).contains("WA_ACCESS_TOKEN is required").contains("WA_WABA_ID is required")
        .contains("WA_VERIFY_TOKEN is required").contains("WA_PHONE_NUMBER_ID must be digits")
        .contains("PORT must be between").doesNotContain("top-secret-value");
  }

  @Test
  void serveAnswersTheHandshakeAndHealth() throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("WA_ACCESS_TOKEN", "t0ken", "WA_PHONE_NUMBER_ID", "1065",
        "WA_WABA_ID", "1022", "WA_APP_SECRET", "s3cret", "WA_VERIFY_TOKEN", "verify-me", "PORT", "0",
        "WA_GRAPH_BASE_URL", "http://127.0.0.1:9"));
    ServeCommand.Config config = ServeCommand.config(env);
    assertThat(config.toString()).doesNotContain("t0ken").doesNotContain("s3cret").doesNotContain("verify-me");
    try (ServeCommand.Server server = ServeCommand.start(config)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> hs = http.send(HttpRequest.newBuilder(URI.create(base
          + "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(hs.statusCode()).isEqualTo(200);
      assertThat(hs.body()).isEqualTo("1158201444");
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base
          + "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(403);
      HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unsigned.statusCode()).isIn(401, 403);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void redriveListsAndReDrivesAServersDeadLettersWithTheAdminToken() throws Exception {
    String admin = "admin-token-0123456789abcdef-0123456789";
    Map<String, String> env = new HashMap<>(Map.of("WA_ACCESS_TOKEN", "t0ken", "WA_PHONE_NUMBER_ID", "1065",
        "WA_WABA_ID", "1022", "WA_APP_SECRET", "s3cret", "WA_VERIFY_TOKEN", "verify-me", "PORT", "0",
        "WA_GRAPH_BASE_URL", "http://127.0.0.1:9", "BRIDGE_ADMIN_TOKEN", admin));
    ServeCommand.Config config = ServeCommand.config(env);
    assertThat(config.toString()).doesNotContain(admin).contains("admin=on");
    try (ServeCommand.Server server = ServeCommand.start(config)) {
      server.bridge().close(); // no background sends while the test looks at the outbox
      var outbox = server.bridge().outbox();
      var key = io.github.whatsapphelpdesk.store.ConversationKey.of("1065", "4915123456789", 1);
      outbox.enqueue(io.github.whatsapphelpdesk.store.OutboxMessage.send("1065",
          io.github.whatsapphelpdesk.client.Message.text("+4915123456789", "hello"), key, "t-1", "r-1",
          io.github.whatsapphelpdesk.ratelimit.Priority.AGENT_REPLY), "reply:r-1");
      var leased = outbox.leaseOne("test", java.time.Duration.ofMinutes(1)).orElseThrow();
      outbox.deadLetter(leased.id(), leased.leaseToken(), "131016 Service unavailable");
      String url = "http://127.0.0.1:" + server.port();
      Map<String, String> cliEnv = Map.of("BRIDGE_ADMIN_TOKEN", admin);

      assertThat(run(cliEnv, "redrive", "--url", url)).isZero();
      assertThat(out()).contains(leased.id() + " DEAD attempts=1 131016 Service unavailable").doesNotContain("hello");
      out.reset();
      assertThat(run(cliEnv, "redrive", "--url", url, "--id", "ob-404")).isEqualTo(1);
      assertThat(out()).contains("NOT_FOUND ob-404");
      out.reset();
      assertThat(run(Map.of("BRIDGE_ADMIN_TOKEN", "wrong-token-0123456789abcdef-012345"), "redrive", "--url", url,
          "--all-dead")).isEqualTo(1);
      assertThat(outbox.get(leased.id()).orElseThrow().status())
          .isEqualTo(io.github.whatsapphelpdesk.store.OutboxEntry.Status.DEAD);
      assertThat(run(cliEnv, "redrive", "--url", url, "--all-dead")).isZero();
      assertThat(out()).contains("REDRIVEN 1");
      assertThat(outbox.get(leased.id()).orElseThrow().status())
          .isEqualTo(io.github.whatsapphelpdesk.store.OutboxEntry.Status.PENDING);
      assertThat(run(Map.of(), "redrive", "--url", url)).isEqualTo(2);
    }
  }

  @Test
  void serveRefusesAShortAdminToken() {
    assertThatThrownBy(() -> ServeCommand.config(Map.of("WA_ACCESS_TOKEN", "t0ken", "WA_PHONE_NUMBER_ID", "1065",
        "WA_WABA_ID", "1022", "WA_APP_SECRET", "s3cret", "WA_VERIFY_TOKEN", "verify-me", "BRIDGE_ADMIN_TOKEN", "short")))
        .hasMessageContaining("BRIDGE_ADMIN_TOKEN must be at least 32 characters");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(run(Map.of(), "nope")).isEqualTo(2);
    assertThat(run(Map.of(), "--help")).isZero();
  }
}
