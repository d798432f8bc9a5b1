package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.PHONE_ID;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.TOKEN;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.fixture;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.json;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.error.WhatsAppClientException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaApiTest {
  private static final byte[] FILE = "%PDF-1.7 pretend pdf".getBytes(StandardCharsets.UTF_8);
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

  private String info(String url, String sha) {
    return "{\"url\":\"" + url + "\",\"mime_type\":\"application/pdf\",\"sha256\":\"" + sha + "\",\"file_size\":"
        + FILE.length + ",\"id\":\"M1\",\"messaging_product\":\"whatsapp\"}";
  }

  private static byte[] sha(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  @Test
  void upload_bytes_postsMultipartWithProductTypeAndFile() throws Exception {
    server.enqueue(ok(fixture("peer/uploadResponse.json")));

    String id = client.media().upload(FILE, "application/pdf", "invoice.pdf");

    assertThat(id).isEqualTo("985569392615996");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/" + PHONE_ID + "/media");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = r.getBody().utf8();
    assertThat(body).contains("name=\"messaging_product\"", "whatsapp", "name=\"type\"",
        "name=\"file\"; filename=\"invoice.pdf\"", "Content-Type: application/pdf", "%PDF-1.7 pretend pdf");
  }

  @Test
  void upload_file_streamsFileWithItsName(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("photo.png");
    Files.write(f, new byte[] {1, 2, 3});
    server.enqueue(ok("{\"id\":\"IMG1\"}"));
    assertThat(client.media().upload(f, "image/png")).isEqualTo("IMG1");
    assertThat(server.takeRequest().getBody().utf8()).contains("filename=\"photo.png\"");
  }

  @Test
  void upload_wrongMimeOrTooBig_rejectedLocally() {
    assertThatThrownBy(() -> client.media().upload(FILE, "application/zip", "a.zip"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'application/zip' is not accepted");
    assertThatThrownBy(() -> client.media().upload(new byte[5 * 1024 * 1024 + 1], "image/jpeg", "a.jpg"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("image is 5242881 bytes; the limit is 5242880");
    assertThatThrownBy(() -> client.media().upload(new byte[500 * 1024 + 1], "image/webp", "s.webp"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("sticker is");
    assertThat(server.getRequestCount()).isZero();
  }

  /** A WebP header: extended (VP8X) with the animation flag, or a simple lossy (VP8) one, padded to size. */
  static byte[] webp(int size, boolean animated) {
    byte[] b = new byte[size];
    byte[] head = ("RIFF\0\0\0\0WEBP" + (animated ? "VP8X" : "VP8 ")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, b, 0, head.length);
    if (animated) {
      b[20] = 0x02; // ANIMATION flag of the VP8X chunk
    }
    return b;
  }

  @Test
  void upload_sticker_staticLimit100KbAnimated500Kb() throws Exception {
    // issue 17 item 9: Meta limits static stickers to 100 KB and animated ones to 500 KB
    assertThat(MediaLimits.isAnimatedWebp(webp(64, true))).isTrue();
    assertThat(MediaLimits.isAnimatedWebp(webp(64, false))).isFalse();
    assertThatThrownBy(() -> client.media().upload(webp(100 * 1024 + 1, false), "image/webp", "s.webp"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("static sticker is 102401 bytes; the limit is 102400");
    assertThatThrownBy(() -> client.media().upload(webp(500 * 1024 + 1, true), "image/webp", "a.webp"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("animated sticker is");
    assertThat(server.getRequestCount()).isZero();
    server.enqueue(ok("{\"id\":\"STK1\"}"));
    assertThat(client.media().upload(webp(300 * 1024, true), "image/webp", "a.webp")).isEqualTo("STK1");
    server.enqueue(ok("{\"id\":\"STK2\"}"));
    assertThat(client.media().upload(webp(100 * 1024, false), "image/webp", "s.webp")).isEqualTo("STK2");
  }

  @Test
  void mediaLimits_table_matchesReference() {
    assertThat(MediaLimits.kindOf("audio/ogg; codecs=opus")).contains(MediaKind.AUDIO);
    assertThat(MediaLimits.kindOf("video/3gpp")).contains(MediaKind.VIDEO);
    assertThat(MediaLimits.maxBytes(MediaKind.DOCUMENT)).isEqualTo(100 * MediaLimits.MB);
    assertThat(MediaLimits.maxBytes(MediaKind.AUDIO)).isEqualTo(16 * MediaLimits.MB);
    assertThat(MediaLimits.kindOf("image/gif")).isEmpty();
  }

  @Test
  void info_realBody_parsesEveryField() throws Exception {
    server.enqueue(ok(fixture("peer/media.json")));
    MediaInfo info = client.media().info("1227829768162607");
    assertThat(info).isEqualTo(new MediaInfo("1227829768162607", "https://lookaside.fbsbx.com/whatsapp_business/"
        + "attachments/?mid=1228169767822607&ext=16772107977&hash=ATs5BiSbLTZzCFh73M16stmnUK2UV6NBqChXB4WWC21sw",
        "image/png", "72fd8a734216768565faf2b59cec266eea00a78dd039ce84356319fc8c4ad22e", 103632));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/1227829768162607");
    assertThat(r.getUrl().queryParameter("phone_number_id")).isEqualTo(PHONE_ID);
  }

  @Test
  void download_verifiesHexSha_withBearer() throws Exception {
    server.enqueue(ok(info(server.url("/files/m1").toString(), HexFormat.of().formatHex(sha(FILE)))));
    server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(FILE)).build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    MediaInfo info = client.media().download("M1", out);

    assertThat(out.toByteArray()).isEqualTo(FILE);
    assertThat(info.mimeType()).isEqualTo("application/pdf");
    server.takeRequest();
    RecordedRequest dl = server.takeRequest();
    assertThat(dl.getUrl().encodedPath()).isEqualTo("/files/m1");
    assertThat(dl.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void download_expiredUrl404_reResolvesOnce(@TempDir Path dir) throws Exception {
    String b64 = Base64.getEncoder().encodeToString(sha(FILE));
    server.enqueue(ok(info(server.url("/files/old").toString(), b64)));
    server.enqueue(new MockResponse.Builder().code(404).body("gone").build());
    server.enqueue(ok(info(server.url("/files/new").toString(), b64)));
    server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(FILE)).build());
    Path target = dir.resolve("out.pdf");

    client.media().download("M1", target, 1000);

    assertThat(Files.readAllBytes(target)).isEqualTo(FILE);
    assertThat(server.getRequestCount()).isEqualTo(4);
    try (var s = Files.list(dir)) {
      assertThat(s).containsExactly(target);
    }
  }

  @Test
  void download_shaMismatch_failsAndLeavesNoFile(@TempDir Path dir) throws Exception {
    server.enqueue(ok(info(server.url("/files/m1").toString(), HexFormat.of().formatHex(sha(new byte[] {9})))));
    server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(FILE)).build());
    Path target = dir.resolve("out.pdf");

    assertThatThrownBy(() -> client.media().download("M1", target, 1000))
        .isInstanceOf(WhatsAppClientException.class).hasMessageContaining("SHA-256");
    try (var s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void download_overCap_failsBeforeDownloading() {
    server.enqueue(ok(info(server.url("/files/m1").toString(), "x")));
    assertThatThrownBy(() -> client.media().download("M1", new ByteArrayOutputStream(), 5))
        .isInstanceOf(WhatsAppClientException.class).hasMessageContaining("above the cap of 5");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void download_streamLongerThanCap_stopsAtCap() {
    server.enqueue(ok("{\"url\":\"" + server.url("/files/m1") + "\",\"mime_type\":\"image/png\",\"id\":\"M1\"}"));
    server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(new byte[100])).build());
    assertThatThrownBy(() -> client.media().download("M1", new ByteArrayOutputStream(), 50))
        .isInstanceOf(WhatsAppClientException.class).hasMessageContaining("exceeds the cap of 50");
  }

  @Test
  void delete_sendsDeleteAndReadsSuccess() throws Exception {
    server.enqueue(ok("{\"success\":true}"));
    assertThat(client.media().delete("M1")).isTrue();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v24.0/M1");
  }

  @Test
  void download_notFoundTwice_surfacesApiError() {
    server.enqueue(ok(info(server.url("/files/a").toString(), "x")));
    server.enqueue(new MockResponse.Builder().code(404).body("").build());
    server.enqueue(ok(info(server.url("/files/b").toString(), "x")));
    server.enqueue(json(404, ClientTestSupport.error(100, "gone")));
    assertThatThrownBy(() -> client.media().download("M1", new ByteArrayOutputStream(), 1000))
        .isInstanceOf(io.github.whatsapphelpdesk.error.InvalidRequestException.class);
  }
}
