package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.OutboundThrottledException;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's default limiter: on by default, on the client's clock, opt-out, async without threads. */
class ClientLimiterTest {
  private MockWebServer server;
  private final MutableClock clock = MutableClock.create();
  private final RequestOptions noWait = RequestOptions.builder().limiterTimeout(Duration.ZERO).build();

  @BeforeEach
  void setUp() {
    server = ClientTestSupport.server();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  private void enqueueSends(int n) {
    for (int i = 0; i < n; i++) {
      server.enqueue(ok(sendOk("+491511000" + i, "491511000" + i)));
    }
  }

  @Test
  void build_default_usesDefaultOutboundLimiterOnTheClientsClock() {
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).build()) {
      assertThat(c.outboundLimiter()).isInstanceOf(DefaultOutboundLimiter.class);
      assertThat(((DefaultOutboundLimiter) c.outboundLimiter()).throughput(ClientTestSupport.PHONE_ID)).isEqualTo(80);
      enqueueSends(5);
      // 80 mps with a burst of 4: the fifth send on a frozen clock has no permit
      for (int i = 0; i < 4; i++) {
        c.messages().send(Message.text("+491511000" + i, "hi"), noWait);
      }
      assertThatThrownBy(() -> c.messages().send(Message.text("+4915110004", "hi"), noWait))
          .isInstanceOf(OutboundThrottledException.class);
      assertThat(server.getRequestCount()).isEqualTo(4);
      clock.advance(Duration.ofMillis(13)); // the client's clock refills the bucket
      c.messages().send(Message.text("+4915110004", "hi"), noWait);
      assertThat(server.getRequestCount()).isEqualTo(5);
    }
  }

  /**
   * Issue 17 item 19: on a clock that never moves, the fifth send used to wait forever (its timeout was
   * measured on the frozen clock). It now times out on the monotonic clock, with a message naming the cause.
   */
  @Test
  void send_onAFrozenClock_failsWithinItsTimeoutInRealTime() {
    RequestOptions shortWait = RequestOptions.builder().limiterTimeout(Duration.ofMillis(300)).build();
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).build()) {
      enqueueSends(5);
      for (int i = 0; i < 4; i++) {
        c.messages().send(Message.text("+491511000" + i, "hi"), shortWait);
      }
      Throwable thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> org.junit.jupiter.api.Assertions.assertThrows(OutboundThrottledException.class,
              () -> c.messages().send(Message.text("+4915110004", "hi"), shortWait)));
      assertThat(thrown).hasMessageContaining("clock did not advance");
      assertThat(server.getRequestCount()).isEqualTo(4);
    }
  }

  @Test
  void build_unlimitedOptOut_neverThrottles() {
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).outboundLimiter(OutboundLimiter.unlimited()).build()) {
      enqueueSends(20);
      for (int i = 0; i < 20; i++) {
        c.messages().send(Message.text("+49151100" + (10 + i), "hi"), noWait);
      }
      assertThat(server.getRequestCount()).isEqualTo(20);
    }
  }

  @Test
  void asyncSend_throttled_waitsWithoutHoldingAnExecutorThread() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).build()) {
      enqueueSends(10);
      List<CompletableFuture<SendResult>> sends = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        sends.add(c.async(one).send(Message.text("+491511000" + i, "hi")));
      }
      for (int i = 0; i < 4; i++) {
        sends.get(i).get(10, TimeUnit.SECONDS);
      }
      // six sends wait for the limiter on a frozen clock; the only executor thread is still free
      assertThat(one.submit(() -> "free").get(10, TimeUnit.SECONDS)).isEqualTo("free");
      assertThat(sends.subList(4, 10)).noneMatch(CompletableFuture::isDone);
      assertThat(server.getRequestCount()).isEqualTo(4);
      // the burst is 4 tokens: each step of the clock releases up to 4 of the waiting sends
      for (CompletableFuture<SendResult> f : sends) {
        clock.advance(Duration.ofSeconds(1));
        assertThat(f.get(10, TimeUnit.SECONDS).messageId()).isEqualTo("wamid.OK1");
      }
      assertThat(server.getRequestCount()).isEqualTo(10);
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void refreshLimits_appliesThroughputLevelAndMessagingTier() {
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).build()) {
      server.enqueue(ok("{\"id\":\"" + ClientTestSupport.PHONE_ID + "\",\"status\":\"CONNECTED\",\"quality_rating\":"
          + "\"GREEN\",\"throughput\":{\"level\":\"HIGH\"},\"whatsapp_business_manager_messaging_limit\":\"TIER_2K\"}"));
      PhoneNumberInfo info = c.refreshLimits();
      DefaultOutboundLimiter l = (DefaultOutboundLimiter) c.outboundLimiter();
      assertThat(info.throughputLevel()).isEqualTo("HIGH");
      assertThat(l.throughput(ClientTestSupport.PHONE_ID)).isEqualTo(1000);
      assertThat(l.messagingLimit("default")).isEqualTo(MessagingLimit.TIER_2K);
      // an unknown level and NOT_SET tier keep what is applied
      new PhoneNumberInfo(ClientTestSupport.PHONE_ID, null, null, PhoneNumberInfo.QualityRating.GREEN,
          PhoneNumberInfo.Status.CONNECTED, null, null, null, "TURBO_2030", "NOT_SET", null, null, null, null)
          .applyTo(l);
      assertThat(l.throughput(ClientTestSupport.PHONE_ID)).isEqualTo(1000);
      assertThat(l.messagingLimit("default")).isEqualTo(MessagingLimit.TIER_2K);
    }
  }

  @Test
  void forPhoneNumber_sharesTheParentsLimiter() {
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).build()) {
      assertThat(c.forPhoneNumber("1112223334").outboundLimiter()).isSameAs(c.outboundLimiter());
    }
  }

  /**
   * The wire guard: each attempt asks {@code tryDispatch} once the connection is ready, sleeps on the
   * client's sleeper while it is refused, and reports {@code onWritten} for the same request instance
   * once the body is written; the body reaches the server intact. A request that never reached a
   * connection reports no write.
   */
  @Test
  void send_wireGuard_checksBeforeWriteAndReportsTheWrite() throws Exception {
    ClientTestSupport.RecordingLimiter limiter = new ClientTestSupport.RecordingLimiter();
    ClientTestSupport.RecordingSleeper sleeper = new ClientTestSupport.RecordingSleeper();
    limiter.refuseDispatches.set(2);
    try (WhatsAppClient c = ClientTestSupport.builder(server, sleeper).clock(clock).outboundLimiter(limiter).build()) {
      enqueueSends(1);
      c.messages().send(Message.text("+4915110000", "hello there"));
      assertThat(limiter.wire).containsExactly("dispatch:4915110000:refused", "dispatch:4915110000:refused",
          "dispatch:4915110000:granted", "written:4915110000");
      assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(7), Duration.ofMillis(7));
      assertThat(limiter.wireRequests).allMatch(r -> r == limiter.wireRequests.get(0));
      assertThat(limiter.acquired).hasSize(1);
      assertThat(server.takeRequest().getBody().utf8()).contains("\"to\":\"+4915110000\"")
          .contains("hello there");
    }
    limiter.wire.clear();
    int port = server.getPort();
    server.close();
    try (WhatsAppClient c = WhatsAppClient.builder().accessToken("t").phoneNumberId(ClientTestSupport.PHONE_ID)
        .baseUrl("http://127.0.0.1:" + port + "/").clock(clock).sleeper(sleeper).outboundLimiter(limiter)
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build()).build()) {
      assertThatThrownBy(() -> c.messages().send(Message.text("+4915110001", "hi")))
          .isInstanceOf(io.github.whatsapphelpdesk.error.ApiConnectionException.class);
    }
    assertThat(limiter.wire).noneMatch(e -> e.startsWith("written"));
    server = ClientTestSupport.server();
  }

  /** A limiter that throws from onWritten does not fail a request that is already on the wire. */
  @Test
  void send_limiterThrowsFromOnWritten_sendStillSucceeds() {
    ClientTestSupport.RecordingLimiter throwing = new ClientTestSupport.RecordingLimiter() {
      @Override
      public void onWritten(io.github.whatsapphelpdesk.ratelimit.OutboundRequest request) {
        throw new IllegalStateException("broken limiter");
      }
    };
    try (WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
        .clock(clock).outboundLimiter(throwing).build()) {
      enqueueSends(1);
      assertThat(c.messages().send(Message.text("+4915110000", "hi")).messageId()).isEqualTo("wamid.OK1");
      assertThat(throwing.succeeded).hasSize(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  /**
   * HTTP/2 (how graph.facebook.com answers): the early flush before {@code onWritten} sends the data
   * frames first and the end of the stream after; the server still gets the whole body, and every send
   * reports its write.
   */
  @Test
  void send_overHttp2_bodyArrivesWholeAndTheWriteIsReported() throws Exception {
    server.close();
    server = new MockWebServer();
    server.setProtocols(List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE));
    server.start();
    okhttp3.OkHttpClient h2 = new okhttp3.OkHttpClient.Builder()
        .protocols(List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE)).build();
    ClientTestSupport.RecordingLimiter limiter = new ClientTestSupport.RecordingLimiter();
    try (io.github.whatsapphelpdesk.client.HttpTransport transport =
        io.github.whatsapphelpdesk.client.internal.OkHttpTransports.shared(h2);
        WhatsAppClient c = ClientTestSupport.builder(server, new ClientTestSupport.RecordingSleeper())
            .clock(clock).transport(transport).outboundLimiter(limiter).build()) {
      enqueueSends(3);
      String text = "x".repeat(3_000);
      for (int i = 0; i < 3; i++) {
        assertThat(c.messages().send(Message.text("+491511000" + i, text)).messageId()).isEqualTo("wamid.OK1");
      }
      for (int i = 0; i < 3; i++) {
        mockwebserver3.RecordedRequest r = server.takeRequest();
        assertThat(r.getVersion()).isEqualTo("HTTP/2");
        assertThat(r.getBody().utf8()).contains("\"to\":\"+491511000" + i + "\"").contains(text);
      }
      assertThat(limiter.wire.stream().filter(e -> e.startsWith("written"))).hasSize(3);
    } finally {
      h2.dispatcher().executorService().shutdown();
      h2.connectionPool().evictAll();
    }
  }
}
