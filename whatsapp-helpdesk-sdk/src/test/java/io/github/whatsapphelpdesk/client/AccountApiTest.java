package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.PHONE_ID;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.WABA_ID;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.fixture;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.error.AuthenticationException;
import io.github.whatsapphelpdesk.error.SerializationException;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountApiTest {
  private MockWebServer server;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
    client = ClientTestSupport.builder(server, new RecordingSleeper()).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void phoneNumber_realBody_parsesFieldsAndAsksForHealthFields() throws Exception {
    server.enqueue(ok(fixture("peer/phoneNumber.json")));

    PhoneNumberInfo p = client.account().phoneNumber();

    assertThat(p.id()).isEqualTo("109219645287979");
    assertThat(p.qualityRating()).isEqualTo(PhoneNumberInfo.QualityRating.GREEN);
    assertThat(p.throughputLevel()).isEqualTo("STANDARD");
    assertThat(p.platformType()).isEqualTo("CLOUD_API");
    assertThat(p.codeVerificationStatus()).isEqualTo("NOT_VERIFIED");
    assertThat(p.status()).isEqualTo(PhoneNumberInfo.Status.UNKNOWN);
    assertThat(p.healthStatus()).isNull();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_ID);
    assertThat(r.getUrl().queryParameter("fields")).contains("status", "quality_rating", "name_status", "throughput",
        "whatsapp_business_manager_messaging_limit", "health_status");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
  }

  @Test
  void phoneNumber_healthStatusAndLimit_parsed() {
    server.enqueue(ok("{\"id\":\"1\",\"status\":\"CONNECTED\",\"quality_rating\":\"YELLOW\",\"name_status\":\"APPROVED\","
        + "\"whatsapp_business_manager_messaging_limit\":\"TIER_2K\",\"is_on_biz_app\":true,"
        + "\"health_status\":{\"can_send_message\":\"LIMITED\",\"entities\":[{\"entity_type\":\"PHONE_NUMBER\","
        + "\"id\":\"1\",\"can_send_message\":\"AVAILABLE\"},{\"entity_type\":\"WABA\",\"id\":\"2\","
        + "\"can_send_message\":\"LIMITED\",\"additional_info\":[\"Verify the business\"],\"errors\":[{"
        + "\"error_code\":141006,\"error_description\":\"Payment issue\",\"possible_solution\":\"Fix billing\"}]}]}}"));

    PhoneNumberInfo p = client.account().phoneNumber();

    assertThat(p.status()).isEqualTo(PhoneNumberInfo.Status.CONNECTED);
    assertThat(p.nameStatus()).isEqualTo("APPROVED");
    assertThat(p.messagingLimit()).isEqualTo("TIER_2K");
    assertThat(p.onBizApp()).isTrue();
    assertThat(p.healthStatus().canSendMessage()).isEqualTo(HealthStatus.CanSend.LIMITED);
    assertThat(p.healthStatus().entities()).hasSize(2);
    HealthStatus.Entity waba = p.healthStatus().entities().get(1);
    assertThat(waba.additionalInfo()).containsExactly("Verify the business");
    assertThat(waba.errors()).containsExactly(new HealthStatus.Problem(141006, "Payment issue", "Fix billing"));
  }

  @Test
  void phoneNumbers_realBody_followsPaging() throws Exception {
    String page1 = fixture("peer/phoneNumbersList.json").replace("\"paging\": {",
        "\"paging\": {\"next\": \"https://graph.facebook.com/v24.0/x/phone_numbers?after=A\",");
    server.enqueue(ok(page1));
    server.enqueue(ok("{\"data\":[{\"id\":\"5\",\"quality_rating\":\"GREEN\"}],\"paging\":{\"cursors\":{\"after\":\"B\"}}}"));

    List<PhoneNumberInfo> all = client.account().phoneNumbers();

    assertThat(all).extracting(PhoneNumberInfo::qualityRating).containsExactly(PhoneNumberInfo.QualityRating.YELLOW,
        PhoneNumberInfo.QualityRating.RED, PhoneNumberInfo.QualityRating.GREEN, PhoneNumberInfo.QualityRating.NA,
        PhoneNumberInfo.QualityRating.GREEN);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/phone_numbers");
    assertThat(server.takeRequest().getUrl().queryParameter("after")).startsWith("QVFIUlg0MXlkcnM0ODJkQ0x0");
  }

  @Test
  void debugToken_parsesScopesTargetsAndNeverExpiring() throws Exception {
    server.enqueue(ok("{\"data\":{\"app_id\":\"77\",\"type\":\"SYSTEM_USER\",\"is_valid\":true,\"expires_at\":0,"
        + "\"scopes\":[\"whatsapp_business_messaging\",\"whatsapp_business_management\"],\"granular_scopes\":["
        + "{\"scope\":\"whatsapp_business_messaging\",\"target_ids\":[\"111\",\"222\"]},"
        + "{\"scope\":\"business_management\"}]}}"));
    server.enqueue(ok("{\"data\":{\"is_valid\":false,\"expires_at\":1767225600,\"scopes\":[]}}"));

    TokenInfo t = client.account().debugToken("input-token");
    TokenInfo expired = client.account().debugToken("old");

    assertThat(t.valid()).isTrue();
    assertThat(t.expiry()).isEmpty();
    assertThat(t.scopes()).contains("whatsapp_business_messaging");
    assertThat(t.granularScopes()).containsExactly(
        new TokenInfo.GranularScope("whatsapp_business_messaging", List.of("111", "222")),
        new TokenInfo.GranularScope("business_management", List.of()));
    assertThat(expired.valid()).isFalse();
    assertThat(expired.expiresAt()).isEqualTo(Instant.ofEpochSecond(1767225600));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/debug_token");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
    assertThat(r.getUrl().queryParameter("input_token")).isEqualTo("input-token");
  }

  /** The {@code multiple_subscriptions} example of GET /{Version}/{WABA-ID}/subscribed_apps in Meta's v23.0 spec. */
  private static final String SUBSCRIBED_APPS_EXAMPLE = """
      {"data":[
        {"whatsapp_business_api_data":{"id":"1234567890123456","name":"Business Messaging App",
          "link":"https://www.facebook.com/games/?app_id=1234567890123456"}},
        {"whatsapp_business_api_data":{"id":"2345678901234567","name":"Customer Support Bot",
          "link":"https://www.facebook.com/games/?app_id=2345678901234567"}}]}
      """;

  @Test
  void subscribedApps_specExample_parsesEveryAppAndAuthenticates() throws Exception {
    server.enqueue(ok(SUBSCRIBED_APPS_EXAMPLE));

    List<SubscribedApp> apps = client.account().subscribedApps();

    assertThat(apps).containsExactly(
        new SubscribedApp("1234567890123456", "Business Messaging App",
            "https://www.facebook.com/games/?app_id=1234567890123456"),
        new SubscribedApp("2345678901234567", "Customer Support Bot",
            "https://www.facebook.com/games/?app_id=2345678901234567"));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/" + WABA_ID + "/subscribed_apps");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + ClientTestSupport.TOKEN);
  }

  @Test
  void subscribedApps_noSubscriptionExample_isEmpty() {
    server.enqueue(ok("{\"data\":[]}"));

    assertThat(client.account().subscribedApps()).isEmpty();
  }

  @Test
  void subscribedApps_badAnswersAndErrors_areTyped() {
    server.enqueue(ok("{\"success\":true}"));
    server.enqueue(ok("{\"data\":[{\"whatsapp_business_api_data\":{\"name\":\"no id\"}}]}"));
    server.enqueue(ClientTestSupport.json(401, ClientTestSupport.error(190, "Invalid OAuth access token")));

    assertThatThrownBy(() -> client.account().subscribedApps()).isInstanceOf(SerializationException.class)
        .hasMessageContaining("no data array");
    assertThatThrownBy(() -> client.account().subscribedApps()).isInstanceOf(SerializationException.class)
        .hasMessageContaining("no whatsapp_business_api_data.id");
    assertThatThrownBy(() -> client.account().subscribedApps()).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void subscribedApps_withoutWabaId_isRejectedBeforeAnyCall() {
    try (WhatsAppClient noWaba = ClientTestSupport.builder(server, new RecordingSleeper()).wabaId(null).build()) {
      assertThatThrownBy(() -> noWaba.account().subscribedApps()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("wabaId");
    }
    assertThat(server.getRequestCount()).isZero();
  }
}
