package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per send rule: Meta's error body, code and HTTP status over raw HTTP. */
class SandboxSendRulesTest {
  private static final String CUSTOMER = "+4915112345678";
  private final MutableClock clock = MutableClock.create();
  private CloudApiSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = CloudApiSandbox.builder().clock(clock)
        .accessToken("good-token")
        .accessToken("short-lived", clock.instant().plus(Duration.ofHours(1)))
        .windowClosedChannel(ErrorChannel.SYNC).unsupportedMediaChannel(ErrorChannel.SYNC)
        .start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static void assertError(SandboxHttp.Reply r, int status, int code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(J.at(r.body(), "error.code")).isEqualTo((long) code);
    assertThat(J.str(r.body(), "error.type")).isEqualTo("OAuthException");
    assertThat(J.str(r.body(), "error.fbtrace_id")).hasSize(23);
  }

  private static void assertDetailedError(SandboxHttp.Reply r, int status, int code) {
    assertError(r, status, code);
    assertThat(J.str(r.body(), "error.message")).startsWith("(#" + code + ") ");
    assertThat(J.str(r.body(), "error.error_data.messaging_product")).isEqualTo("whatsapp");
    assertThat(J.str(r.body(), "error.error_data.details")).isNotBlank();
  }

  @Test
  void send_withinWindow_returnsWamidAndContact() {
    sandbox.customer(CUSTOMER).sendText("hi");
    SandboxHttp.Reply r = http.send(SandboxHttp.text(CUSTOMER, "hello"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(J.str(r.body(), "messages.0.id")).startsWith("wamid.");
    assertThat(J.str(r.body(), "contacts.0.input")).isEqualTo(CUSTOMER);
    assertThat(J.str(r.body(), "contacts.0.wa_id")).isEqualTo("4915112345678");
    assertThat(sandbox.sentMessages()).singleElement().extracting(SentMessage::type).isEqualTo("text");
  }

  @Test
  void send_unknownToken_returns190With401() {
    SandboxHttp.Reply r = http.withToken("wrong").send(SandboxHttp.text(CUSTOMER, "x"));
    assertError(r, 401, 190);
    assertThat(J.str(r.body(), "error.message")).contains("Invalid OAuth access token");
  }

  @Test
  void send_missingToken_returns190() {
    assertError(http.withToken(null).send(SandboxHttp.text(CUSTOMER, "x")), 401, 190);
  }

  @Test
  void send_tokenExpiredOnSandboxClock_returns190Subcode463() {
    sandbox.customer(CUSTOMER).sendText("hi");
    assertThat(http.withToken("short-lived").send(SandboxHttp.text(CUSTOMER, "x")).status()).isEqualTo(200);
    clock.advance(Duration.ofHours(1));
    SandboxHttp.Reply r = http.withToken("short-lived").send(SandboxHttp.text(CUSTOMER, "x"));
    assertError(r, 401, 190);
    assertThat(J.at(r.body(), "error.error_subcode")).isEqualTo(463L);
    assertThat(J.str(r.body(), "error.message")).contains("Session has expired");
  }

  @Test
  void send_revokedToken_returns190() {
    sandbox.revokeAccessToken("good-token");
    assertError(http.withToken("good-token").send(SandboxHttp.text(CUSTOMER, "x")), 401, 190);
  }

  @Test
  void send_noInboundMessage_returns131047() {
    assertDetailedError(http.send(SandboxHttp.text(CUSTOMER, "hello")), 400, 131047);
  }

  @Test
  void send_windowAgedPast24Hours_returns131047() {
    sandbox.customer(CUSTOMER).sendText("hi");
    clock.advance(Duration.ofHours(23).plusMinutes(59));
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "still open")).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    assertThat(sandbox.windowOpen(CUSTOMER)).isFalse();
    assertDetailedError(http.send(SandboxHttp.text(CUSTOMER, "closed")), 400, 131047);
  }

  @Test
  void send_templateOutsideWindow_isAccepted() {
    SandboxHttp.Reply r = http.send(SandboxHttp.template(CUSTOMER, "hello_world", "en_US", "[]"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(J.str(r.body(), "messages.0.message_status")).isEqualTo("accepted");
  }

  @Test
  void send_templateInOtherLanguage_returns132001With404() {
    SandboxHttp.Reply r = http.send(SandboxHttp.template(CUSTOMER, "hello_world", "de_DE", "[]"));
    assertDetailedError(r, 404, 132001);
    assertThat(J.str(r.body(), "error.error_data.details")).contains("de_DE");
  }

  @Test
  void send_unknownTemplate_returns132001() {
    assertDetailedError(http.send(SandboxHttp.template(CUSTOMER, "nope", "en_US", "[]")), 404, 132001);
  }

  @Test
  void send_tooFewBodyParameters_returns132000() {
    String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ann\"}]}]";
    SandboxHttp.Reply r = http.send(SandboxHttp.template(CUSTOMER, "order_update", "en_US", components));
    assertDetailedError(r, 400, 132000);
    assertThat(J.str(r.body(), "error.error_data.details")).contains("expected number of params (2)");
  }

  @Test
  void send_positionalParametersToNamedTemplate_returns132012() {
    String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ann\"},"
        + "{\"type\":\"text\",\"text\":\"May 1\"}]}]";
    SandboxHttp.Reply r = http.send(SandboxHttp.template(CUSTOMER, "appointment_reminder", "en_US", components));
    assertDetailedError(r, 400, 132012);
  }

  @Test
  void send_namedParametersMatchingTemplate_isAccepted() {
    String components = "[{\"type\":\"body\",\"parameters\":["
        + "{\"type\":\"text\",\"parameter_name\":\"date\",\"text\":\"May 1\"},"
        + "{\"type\":\"text\",\"parameter_name\":\"first_name\",\"text\":\"Ann\"}]}]";
    SandboxHttp.Reply r = http.send(SandboxHttp.template(CUSTOMER, "appointment_reminder", "en_US", components));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void send_currencyWithoutIntegerAmount_returns132012() {
    String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ann\"},"
        + "{\"type\":\"currency\",\"currency\":{\"fallback_value\":\"$1\",\"code\":\"usd\",\"amount_1000\":1.5}}]}]";
    SandboxHttp.Reply r = http.send(SandboxHttp.template(CUSTOMER, "order_update", "en_US", components));
    assertDetailedError(r, 400, 132012);
  }

  @Test
  void send_dateTimeWithoutFallback_returns132012() {
    String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Ann\"},"
        + "{\"type\":\"date_time\",\"date_time\":{}}]}]";
    assertDetailedError(http.send(SandboxHttp.template(CUSTOMER, "order_update", "en_US", components)), 400, 132012);
  }

  @Test
  void send_pausedTemplate_returns132015() {
    String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Friday\"}]}]";
    assertDetailedError(http.send(SandboxHttp.template(CUSTOMER, "spring_sale", "en_US", components)), 400, 132015);
  }

  @Test
  void send_templatePausedAtRuntime_returns132015() {
    sandbox.setTemplateStatus("hello_world", "en_US", "PAUSED");
    assertDetailedError(http.send(SandboxHttp.template(CUSTOMER, "hello_world", "en_US", "[]")), 400, 132015);
  }

  @Test
  void send_overThroughput_returns130429UntilTimePasses() {
    sandbox.setLimits(3, Duration.ofSeconds(6), 45);
    sandbox.customer(CUSTOMER).sendText("hi");
    for (int i = 0; i < 3; i++) {
      assertThat(http.send(SandboxHttp.text(CUSTOMER, "m" + i)).status()).isEqualTo(200);
    }
    assertDetailedError(http.send(SandboxHttp.text(CUSTOMER, "m3")), 400, 130429);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "m4")).status()).isEqualTo(200);
  }

  @Test
  void send_overPairRate_returns131056ForThatRecipientOnly() {
    sandbox.setLimits(80, Duration.ofSeconds(6), 2);
    sandbox.customer(CUSTOMER).sendText("hi");
    sandbox.customer("+4915199999999").sendText("hi");
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "1")).status()).isEqualTo(200);
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "2")).status()).isEqualTo(200);
    assertDetailedError(http.send(SandboxHttp.text(CUSTOMER, "3")), 400, 131056);
    assertThat(http.send(SandboxHttp.text("+4915199999999", "other")).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(6));
    assertThat(http.send(SandboxHttp.text(CUSTOMER, "4")).status()).isEqualTo(200);
  }

  @Test
  void send_textOver4096_returns100() {
    sandbox.customer(CUSTOMER).sendText("hi");
    SandboxHttp.Reply r = http.send(SandboxHttp.text(CUSTOMER, "x".repeat(4097)));
    assertDetailedError(r, 400, 100);
    assertThat(J.str(r.body(), "error.error_data.details")).contains("4096");
  }

  @Test
  void send_missingMessagingProduct_returns100() {
    assertDetailedError(http.send("{\"to\":\"" + CUSTOMER + "\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}"),
        400, 100);
  }

  @Test
  void send_invalidJson_returns100() {
    assertDetailedError(http.send("{not json"), 400, 100);
  }

  @Test
  void send_badTo_returns131009() {
    assertDetailedError(http.send(SandboxHttp.text("12ab", "x")), 400, 131009);
  }

  @Test
  void send_missingTextBody_returns131008() {
    sandbox.customer(CUSTOMER).sendText("hi");
    assertDetailedError(http.send("{\"messaging_product\":\"whatsapp\",\"to\":\"" + CUSTOMER
        + "\",\"type\":\"text\",\"text\":{}}"), 400, 131008);
  }

  @Test
  void send_fourReplyButtons_returns131009() {
    sandbox.customer(CUSTOMER).sendText("hi");
    StringBuilder buttons = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      buttons.append(i == 0 ? "" : ",").append("{\"type\":\"reply\",\"reply\":{\"id\":\"b").append(i)
          .append("\",\"title\":\"B").append(i).append("\"}}");
    }
    String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"" + CUSTOMER + "\",\"type\":\"interactive\","
        + "\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"pick\"},\"action\":{\"buttons\":["
        + buttons + "]}}}";
    assertDetailedError(http.send(body), 400, 131009);
  }

  @Test
  void send_stickerWithJpegMedia_returns131053() {
    sandbox.customer(CUSTOMER).sendText("hi");
    String mediaId = J.str(http.upload(new byte[] {1, 2, 3}, "image/jpeg").body(), "id");
    String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"" + CUSTOMER + "\",\"type\":\"sticker\","
        + "\"sticker\":{\"id\":\"" + mediaId + "\"}}";
    assertDetailedError(http.send(body), 400, 131053);
  }

  @Test
  void send_unknownPhoneNumberId_returns100Subcode33() {
    SandboxHttp.Reply r = http.post("/999/messages", SandboxHttp.text(CUSTOMER, "x"));
    assertError(r, 400, 100);
    assertThat(J.at(r.body(), "error.error_subcode")).isEqualTo(33L);
  }

  @Test
  void markRead_knownInboundMessage_returnsSuccess() {
    String wamid = sandbox.customer(CUSTOMER).sendText("hi");
    SandboxHttp.Reply r = http.send("{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\""
        + wamid + "\",\"typing_indicator\":{\"type\":\"text\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(J.at(r.body(), "success")).isEqualTo(true);
    assertDetailedError(http.send("{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
        + "\"message_id\":\"wamid.unknown\"}"), 400, 100);
  }

  @Test
  void builder_expiringTokenInPast_rejectsImmediately() {
    sandbox.addAccessToken("old", Instant.parse("2020-01-01T00:00:00Z"));
    assertError(http.withToken("old").get("/" + sandbox.phoneNumberId()), 401, 190);
  }
}
