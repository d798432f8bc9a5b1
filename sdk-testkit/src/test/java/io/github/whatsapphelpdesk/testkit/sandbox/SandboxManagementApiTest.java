package io.github.whatsapphelpdesk.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Media, template management, phone number fields, debug_token and request recording. */
class SandboxManagementApiTest {
  private final MutableClock clock = MutableClock.create();
  private CloudApiSandbox sandbox;
  private SandboxHttp http;

  @BeforeEach
  void start() {
    sandbox = CloudApiSandbox.builder().clock(clock).start();
    http = new SandboxHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void media_stickerUpload_staticOver100KbRejectedAnimatedUpTo500KbAccepted() {
    // Meta, "Supported media types": static stickers 100 KB, animated stickers 500 KB
    assertThat(J.at(http.upload(webp(150 * 1024, false), "image/webp").body(), "error.code")).isEqualTo(131053L);
    assertThat(J.str(http.upload(webp(150 * 1024, true), "image/webp").body(), "id")).isNotBlank();
    assertThat(J.at(http.upload(webp(500 * 1024 + 1, true), "image/webp").body(), "error.code")).isEqualTo(131053L);
  }

  private static byte[] webp(int size, boolean animated) {
    byte[] b = new byte[size];
    byte[] head = ("RIFF\0\0\0\0WEBP" + (animated ? "VP8X" : "VP8L")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, b, 0, head.length);
    if (animated) {
      b[20] = 0x02;
    }
    return b;
  }

  @Test
  void media_uploadGetDownload_roundTripsWithSha256() throws Exception {
    byte[] data = "%PDF-1.4 sandbox".getBytes();
    SandboxHttp.Reply up = http.upload(data, "application/pdf");
    assertThat(up.status()).as(up.body()).isEqualTo(200);
    String id = J.str(up.body(), "id");
    SandboxHttp.Reply meta = http.get("/" + id);
    assertThat(J.str(meta.body(), "mime_type")).isEqualTo("application/pdf");
    assertThat(J.at(meta.body(), "file_size")).isEqualTo((long) data.length);
    assertThat(J.str(meta.body(), "id")).isEqualTo(id);
    assertThat(J.str(meta.body(), "sha256"))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    SandboxHttp.Reply download = http.getAbsolute(J.str(meta.body(), "url"));
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.bytes()).isEqualTo(data);
    assertThat(download.contentType()).isEqualTo("application/pdf");
  }

  @Test
  void media_downloadUrl_expiresAfterFiveMinutesOfSandboxTime() {
    String id = J.str(http.upload(new byte[] {1}, "image/png").body(), "id");
    String url = J.str(http.get("/" + id).body(), "url");
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(http.getAbsolute(url).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(http.getAbsolute(url).status()).isEqualTo(404);
    String fresh = J.str(http.get("/" + id).body(), "url");
    assertThat(http.getAbsolute(fresh).status()).isEqualTo(200);
  }

  @Test
  void media_downloadWithoutBearer_returns401() {
    String id = J.str(http.upload(new byte[] {1}, "image/png").body(), "id");
    String url = J.str(http.get("/" + id).body(), "url");
    SandboxHttp.Reply r = http.withToken(null).getAbsolute(url);
    assertThat(r.status()).isEqualTo(401);
    assertThat(J.at(r.body(), "error.code")).isEqualTo(190L);
  }

  @Test
  void media_delete_makesGetFailAndUrlGone() {
    String id = J.str(http.upload(new byte[] {1}, "image/png").body(), "id");
    String url = J.str(http.get("/" + id).body(), "url");
    assertThat(J.at(http.delete("/" + id).body(), "success")).isEqualTo(true);
    SandboxHttp.Reply gone = http.get("/" + id);
    assertThat(gone.status()).isEqualTo(400);
    assertThat(J.at(gone.body(), "error.code")).isEqualTo(100L);
    assertThat(J.at(gone.body(), "error.error_subcode")).isEqualTo(33L);
    assertThat(http.getAbsolute(url).status()).isEqualTo(404);
  }

  @Test
  void media_uploadUnsupportedType_returns131053() {
    SandboxHttp.Reply r = http.upload(new byte[] {1}, "application/x-msdownload");
    assertThat(r.status()).isEqualTo(400);
    assertThat(J.at(r.body(), "error.code")).isEqualTo(131053L);
  }

  @Test
  void media_uploadImageOver5MB_returns131053() {
    SandboxHttp.Reply r = http.upload(new byte[5 * 1024 * 1024 + 1], "image/jpeg");
    assertThat(J.at(r.body(), "error.code")).isEqualTo(131053L);
  }

  @Test
  void media_uploadedIdExpiresAfter30Days() {
    String id = J.str(http.upload(new byte[] {1}, "image/png").body(), "id");
    clock.advance(Duration.ofDays(30));
    assertThat(http.get("/" + id).status()).isEqualTo(400);
  }

  @Test
  void templates_list_pagesWithCursorsAndNext() {
    String path = "/" + sandbox.wabaId() + "/message_templates";
    SandboxHttp.Reply page1 = http.get(path + "?limit=2&fields=name,language,status");
    assertThat((List<?>) J.at(page1.body(), "data")).hasSize(2);
    assertThat(J.str(page1.body(), "data.0.name")).isEqualTo("hello_world");
    assertThat(J.at(page1.body(), "data.0.components")).isNull();
    String next = J.str(page1.body(), "paging.next");
    assertThat(next).startsWith(sandbox.graphUrl() + path).contains("after=").doesNotContain("access_token");
    SandboxHttp.Reply page2 = http.getAbsolute(next);
    assertThat(J.str(page2.body(), "data.0.name")).isEqualTo("appointment_reminder");
    SandboxHttp.Reply page3 = http.getAbsolute(J.str(page2.body(), "paging.next"));
    assertThat((List<?>) J.at(page3.body(), "data")).hasSize(1);
    assertThat(J.at(page3.body(), "paging.next")).isNull();
    assertThat(J.str(page3.body(), "paging.cursors.after")).isNotBlank();
  }

  @Test
  void templates_listFilteredByStatus() {
    SandboxHttp.Reply r = http.get("/" + sandbox.wabaId() + "/message_templates?status=PAUSED");
    assertThat((List<?>) J.at(r.body(), "data")).hasSize(1);
    assertThat(J.str(r.body(), "data.0.parameter_format")).isEqualTo("POSITIONAL");
  }

  @Test
  void templates_createThenSendThenDeleteByName() {
    String path = "/" + sandbox.wabaId() + "/message_templates";
    SandboxHttp.Reply created = http.post(path, "{\"name\":\"ticket_update\",\"language\":\"en_US\","
        + "\"category\":\"UTILITY\",\"parameter_format\":\"named\",\"components\":[{\"type\":\"BODY\","
        + "\"text\":\"Ticket {{ticket}} updated\"}]}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(J.str(created.body(), "status")).isEqualTo("APPROVED");
    assertThat(J.str(created.body(), "id")).isNotBlank();
    String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"parameter_name\":\"ticket\","
        + "\"text\":\"#42\"}]}]";
    assertThat(http.send(SandboxHttp.template("+4915112345678", "ticket_update", "en_US", components)).status())
        .isEqualTo(200);
    SandboxHttp.Reply duplicate = http.post(path, "{\"name\":\"ticket_update\",\"language\":\"en_US\","
        + "\"category\":\"UTILITY\",\"components\":[]}");
    assertThat(J.at(duplicate.body(), "error.error_subcode")).isEqualTo(2388024L);
    assertThat(J.at(http.delete(path + "?name=ticket_update").body(), "success")).isEqualTo(true);
    assertThat(sandbox.templates()).noneMatch(t -> t.name().equals("ticket_update"));
  }

  @Test
  void templates_deleteByHsmId_removesOneLanguage() {
    String path = "/" + sandbox.wabaId() + "/message_templates";
    SandboxHttp.Reply list = http.get(path + "?name=order_update");
    String deId = ((List<?>) J.at(list.body(), "data")).stream().map(o -> (Map<?, ?>) o)
        .filter(m -> m.get("language").equals("de_DE")).map(m -> (String) m.get("id")).findFirst().orElseThrow();
    assertThat(http.delete(path + "?name=order_update&hsm_id=" + deId).status()).isEqualTo(200);
    assertThat(sandbox.templates()).filteredOn(t -> t.name().equals("order_update"))
        .extracting(SandboxTemplate::language).containsExactly("en_US");
  }

  @Test
  void templates_createInvalidName_returns100() {
    SandboxHttp.Reply r = http.post("/" + sandbox.wabaId() + "/message_templates",
        "{\"name\":\"Bad Name\",\"language\":\"en_US\",\"category\":\"UTILITY\",\"components\":[]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(J.at(r.body(), "error.code")).isEqualTo(100L);
  }

  @Test
  void templates_seededFromMetaJson_areSendable() {
    String json = "{\"data\":[{\"name\":\"schedule_confirmation\",\"language\":\"pt_BR\",\"status\":\"APPROVED\","
        + "\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\",\"text\":\"Olá *{{1}}*, dia *{{2}}*\"}],"
        + "\"id\":\"1145489599421404\"}]}";
    try (CloudApiSandbox s = CloudApiSandbox.builder().templatesJson(json).start()) {
      assertThat(s.templates()).singleElement().extracting(SandboxTemplate::parameterFormat).isEqualTo("POSITIONAL");
      String components = "[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Maria\"}]}]";
      SandboxHttp.Reply r = new SandboxHttp(s).send(SandboxHttp.template("+5511987654321", "schedule_confirmation",
          "pt_BR", components));
      assertThat(J.at(r.body(), "error.code")).isEqualTo(132000L);
    }
  }

  @Test
  void phoneNumber_requestedFields_areReturned() {
    SandboxHttp.Reply r = http.get("/" + sandbox.phoneNumberId() + "?fields=status,quality_rating,name_status,"
        + "throughput,whatsapp_business_manager_messaging_limit,health_status,verified_name,display_phone_number");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(J.str(r.body(), "status")).isEqualTo("CONNECTED");
    assertThat(J.str(r.body(), "quality_rating")).isEqualTo("GREEN");
    assertThat(J.str(r.body(), "throughput.level")).isEqualTo("STANDARD");
    assertThat(J.str(r.body(), "health_status.can_send_message")).isEqualTo("AVAILABLE");
    assertThat(J.str(r.body(), "display_phone_number")).isEqualTo(sandbox.displayPhoneNumber());
    assertThat(J.str(r.body(), "id")).isEqualTo(sandbox.phoneNumberId());
  }

  @Test
  void phoneNumber_unknownField_returns100() {
    SandboxHttp.Reply r = http.get("/" + sandbox.phoneNumberId() + "?fields=nonsense");
    assertThat(J.at(r.body(), "error.code")).isEqualTo(100L);
    assertThat(J.str(r.body(), "error.message")).contains("nonexisting field (nonsense)");
  }

  @Test
  void phoneNumbers_listsWabaNumbers() {
    SandboxHttp.Reply r = http.get("/" + sandbox.wabaId() + "/phone_numbers");
    assertThat(J.str(r.body(), "data.0.id")).isEqualTo(sandbox.phoneNumberId());
    assertThat(J.str(r.body(), "data.0.verified_name")).isEqualTo("Sandbox Business");
  }

  @Test
  void subscribedApps_reportsTheAppUntilUnsubscribed() {
    String path = "/" + sandbox.wabaId() + "/subscribed_apps";
    SandboxHttp.Reply on = http.get(path);
    assertThat(on.status()).as(on.body()).isEqualTo(200);
    assertThat(J.str(on.body(), "data.0.whatsapp_business_api_data.id")).isEqualTo(sandbox.appId());
    assertThat(J.str(on.body(), "data.0.whatsapp_business_api_data.name")).isEqualTo("Cloud API Sandbox");
    assertThat(J.str(on.body(), "data.0.whatsapp_business_api_data.link")).endsWith("app_id=" + sandbox.appId());

    sandbox.setSubscribed(false);
    assertThat(http.get(path).body()).isEqualTo("{\"data\":[]}");

    assertThat(J.at(http.post(path, "{}").body(), "success")).isEqualTo(true);
    assertThat(J.str(http.get(path).body(), "data.0.whatsapp_business_api_data.id")).isEqualTo(sandbox.appId());
    assertThat(http.delete(path).status()).isEqualTo(200);
    assertThat(http.get(path).body()).isEqualTo("{\"data\":[]}");
    assertThat(http.get("/1/subscribed_apps").status()).isEqualTo(400);
  }

  @Test
  void debugToken_reportsValidityAndGranularScopes() {
    SandboxHttp.Reply ok = http.get("/debug_token?input_token=" + sandbox.accessToken());
    assertThat(J.at(ok.body(), "data.is_valid")).isEqualTo(true);
    assertThat(J.at(ok.body(), "data.expires_at")).isEqualTo(0L);
    assertThat(J.str(ok.body(), "data.granular_scopes.0.target_ids.0")).isEqualTo(sandbox.wabaId());
    SandboxHttp.Reply bad = http.get("/debug_token?input_token=nope");
    assertThat(J.at(bad.body(), "data.is_valid")).isEqualTo(false);
    assertThat(J.at(bad.body(), "data.error.code")).isEqualTo(190L);
  }

  @Test
  void recording_masksTokensAndKeepsBodies() {
    http.send(SandboxHttp.text("+4915112345678", "hello"));
    http.get("/debug_token?input_token=" + sandbox.accessToken());
    List<SandboxRequest> requests = sandbox.requests();
    assertThat(requests).hasSize(2);
    SandboxRequest send = requests.get(0);
    assertThat(send.method()).isEqualTo("POST");
    assertThat(send.path()).isEqualTo("/" + sandbox.apiVersion() + "/" + sandbox.phoneNumberId() + "/messages");
    assertThat(send.headers().get("authorization")).containsExactly("Bearer ***");
    assertThat(send.bodyText()).contains("hello");
    assertThat(send.responseStatus()).isEqualTo(200);
    assertThat(send.responseBody()).contains("wamid.");
    assertThat(requests.get(1).query()).isEqualTo("input_token=***");
    assertThat(requests.toString() + send.headers()).doesNotContain(sandbox.accessToken());
    sandbox.clearRecordings();
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void unknownPath_returns100() {
    SandboxHttp.Reply r = http.getAbsolute(sandbox.baseUrl() + "/nope");
    assertThat(r.status()).isEqualTo(400);
    assertThat(J.at(r.body(), "error.code")).isEqualTo(100L);
  }

  @Test
  void advance_withSystemClock_isRejected() {
    try (CloudApiSandbox s = CloudApiSandbox.builder().clock(java.time.Clock.systemUTC()).start()) {
      assertThatThrownBy(() -> s.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
  }
}
