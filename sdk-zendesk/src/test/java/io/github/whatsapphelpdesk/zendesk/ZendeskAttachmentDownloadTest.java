package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The download size cap of agents' attachments ({@link ZendeskConfig#maxDownloadBytes()}). */
class ZendeskAttachmentDownloadTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();
  private final MockWebServer cdn = new MockWebServer();

  @AfterEach
  void close() {
    cdn.close();
    t.close();
  }

  private ZendeskAdapter adapter(ZendeskConfig.Builder b) {
    return ZendeskAdapter.create(b.build());
  }

  private AgentAttachment onCdn(long declaredSize) throws IOException {
    cdn.start();
    return new AgentAttachment("1", "manual.pdf", "application/pdf", declaredSize, cdn.url("/f/manual.pdf").toString());
  }

  @Test
  void config_maxDownloadBytes_defaultsToMaxAttachmentBytes_andCanBeSetApart() {
    assertThat(t.config().build().maxDownloadBytes()).isEqualTo(ZendeskConfig.DEFAULT_MAX_ATTACHMENT_BYTES);
    assertThat(t.config().maxAttachmentBytes(1000).build().maxDownloadBytes()).isEqualTo(1000);
    ZendeskConfig apart = t.config().maxAttachmentBytes(1000).maxDownloadBytes(64).build();
    assertThat(apart.maxDownloadBytes()).isEqualTo(64);
    assertThat(apart.toBuilder().build().maxDownloadBytes()).isEqualTo(64);
    assertThat(t.config().maxAttachmentBytes(1000).build().toBuilder().maxAttachmentBytes(2000).build()
        .maxDownloadBytes()).isEqualTo(2000);
    assertThatThrownBy(() -> t.config().maxDownloadBytes(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDownloadBytes");
  }

  @Test
  void downloadAttachment_declaredSizeOverLimit_throwsBeforeAnyRequest() throws IOException {
    try (ZendeskAdapter a = adapter(t.config().maxDownloadBytes(10))) {
      AgentAttachment att = onCdn(11);
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatThrownBy(() -> a.downloadAttachment(att, out))
          .isInstanceOfSatisfying(AttachmentTooLargeException.class, e -> {
            assertThat(e.limitBytes()).isEqualTo(10);
            assertThat(e.sizeBytes()).isEqualTo(11);
            assertThat(e.retryable()).isFalse();
          })
          .isInstanceOf(HelpdeskValidationException.class);
      assertThat(cdn.getRequestCount()).isZero();
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void downloadAttachment_contentLengthOverLimit_throwsWithoutReadingBody() throws IOException {
    try (ZendeskAdapter a = adapter(t.config().maxDownloadBytes(10))) {
      AgentAttachment att = onCdn(-1);
      cdn.enqueue(new MockResponse.Builder().code(200).body(new Buffer().writeUtf8("x".repeat(11))).build());
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatThrownBy(() -> a.downloadAttachment(att, out))
          .isInstanceOfSatisfying(AttachmentTooLargeException.class, e -> assertThat(e.sizeBytes()).isEqualTo(11));
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void downloadAttachment_chunkedStreamPassesLimit_throwsMidStream() throws IOException {
    try (ZendeskAdapter a = adapter(t.config().maxDownloadBytes(10))) {
      AgentAttachment att = onCdn(-1);
      cdn.enqueue(new MockResponse.Builder().code(200).chunkedBody("y".repeat(40_000), 4).build());
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatThrownBy(() -> a.downloadAttachment(att, out))
          .isInstanceOfSatisfying(AttachmentTooLargeException.class, e -> assertThat(e.sizeBytes()).isEqualTo(-1));
      assertThat(out.size()).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void downloadAttachment_exactlyAtLimit_streamsAll_andOtherOriginGetsNoCredentials() throws Exception {
    try (ZendeskAdapter a = adapter(t.config().maxDownloadBytes(10))) {
      AgentAttachment att = onCdn(10);
      cdn.enqueue(new MockResponse.Builder().code(200).chunkedBody("0123456789", 3).build());
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      a.downloadAttachment(att, out);

      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("0123456789");
      // Same host as the Zendesk base URL but another port: another origin, so no token is sent.
      assertThat(cdn.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
    }
  }
}
