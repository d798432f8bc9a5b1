package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.error;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.client.internal.OkHttpTransports;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientLifecycleTest {
  private MockWebServer server;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void accessTokenSupplier_isCalledPerRequest_soRotatedTokensAreUsed() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (WhatsAppClient c = ClientTestSupport.builder(server, new RecordingSleeper())
        .accessToken(() -> "tok-" + n.incrementAndGet()).build()) {
      server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));
      server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));
      c.messages().send(Message.text("+4915112345678", "a"));
      c.messages().send(Message.text("+4915112345678", "b"));
    }
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-2");
  }

  @Test
  void close_sharedTransport_staysUsableForOtherClients() {
    OkHttpClient app = new OkHttpClient();
    HttpTransport shared = OkHttpTransports.shared(app);
    WhatsAppClient a = ClientTestSupport.builder(server, new RecordingSleeper()).transport(shared).build();
    WhatsAppClient b = ClientTestSupport.builder(server, new RecordingSleeper()).phoneNumberId("2").transport(shared).build();
    a.close();
    shared.close();
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));
    assertThat(b.messages().send(Message.text("+4915112345678", "still works")).messageId()).isEqualTo("wamid.OK1");
    assertThat(app.dispatcher().executorService().isShutdown()).isFalse();
    b.close();
    app.dispatcher().executorService().shutdown();
    app.connectionPool().evictAll();
  }

  @Test
  void retryAfterHttpDate_isMeasuredAgainstInjectedClock() {
    MutableClock clock = MutableClock.create();
    RecordingSleeper sleeper = new RecordingSleeper();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(20).atOffset(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", date)
        .body(error(130429, "Rate limit hit")).build());
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));
    // Retry-After parsing only: the default limiter would hold the retry for the 130429 backoff on the frozen clock
    try (WhatsAppClient c = ClientTestSupport.builder(server, sleeper).clock(clock)
        .outboundLimiter(io.github.whatsapphelpdesk.ratelimit.OutboundLimiter.unlimited()).build()) {
      c.messages().send(Message.text("+4915112345678", "hi"));
    }
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(20));
  }

  @Test
  void builder_invalidSettings_rejected() {
    assertThatThrownBy(() -> WhatsAppClient.builder().accessToken("t").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phoneNumberId");
    assertThatThrownBy(() -> WhatsAppClient.builder().accessToken("t").phoneNumberId("1").graphVersion("24").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graphVersion");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(2).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_neverShowsToken() {
    try (WhatsAppClient c = WhatsAppClient.builder().accessToken("secret-token").phoneNumberId("1").build()) {
      assertThat(c.toString()).doesNotContain("secret-token").contains("v24.0");
    }
  }
}
