package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.error;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.json;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingLimiter;
import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.error.ApiConnectionException;
import io.github.whatsapphelpdesk.error.OutcomeUnknownException;
import io.github.whatsapphelpdesk.error.RateLimitException;
import io.github.whatsapphelpdesk.error.RecipientException;
import io.github.whatsapphelpdesk.error.ServerException;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.error.TemplateException;
import java.io.IOException;
import java.net.ServerSocket;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry behaviour with a recording sleeper: no real sleeping. */
class RetryTest {
  private static final Message HI = Message.text("+4915112345678", "hi");
  private MockWebServer server;
  private RecordingSleeper sleeper;
  private RecordingLimiter limiter;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
    sleeper = new RecordingSleeper();
    limiter = new RecordingLimiter();
    client = ClientTestSupport.builder(server, sleeper).outboundLimiter(limiter).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void throughputLimit_retriedWithExponentialBackoff_thenSucceeds() {
    server.enqueue(json(400, error(130429, "Rate limit hit")));
    server.enqueue(json(400, error(130429, "Rate limit hit")));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThat(client.messages().send(HI).messageId()).isEqualTo("wamid.OK1");
    assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(limiter.rateLimited).containsExactly("4915112345678:130429:null", "4915112345678:130429:null");
    assertThat(limiter.acquired).hasSize(3);
    assertThat(limiter.succeeded).hasSize(1);
  }

  @Test
  void retryAfterHeader_longerThanBackoff_isHonoured() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "12")
        .body(error(80007, "WABA rate limit")).build());
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    client.messages().send(HI);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(12));
    assertThat(limiter.rateLimited).containsExactly("4915112345678:80007:PT12S");
  }

  @Test
  void backoff_isCappedAndStopsAtMaxAttempts() {
    WhatsAppClient c = ClientTestSupport.builder(server, sleeper).retryPolicy(RetryPolicy.builder().maxAttempts(5)
        .baseBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(3)).jitter(0).build())
        .outboundLimiter(OutboundLimiter.unlimited()).build(); // retry policy only: 5 attempts exceed the default burst (4) on a frozen clock
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(503, error(2, "Service down")));
    }
    assertThatThrownBy(() -> c.messages().send(HI)).isInstanceOf(ServerException.class);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
        Duration.ofSeconds(3));
    assertThat(server.getRequestCount()).isEqualTo(5);
    c.close();
  }

  @Test
  void jitter_reducesDelayWithinFraction() {
    RetryPolicy p = RetryPolicy.builder().baseBackoff(Duration.ofSeconds(2)).jitter(0.5).build();
    assertThat(p.delay(1, null, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.delay(1, null, 0.999)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1002));
  }

  @Test
  void unknownCode1_retriedOnceOnly() {
    server.enqueue(json(500, error(1, "An unknown error occurred")));
    server.enqueue(json(500, error(1, "An unknown error occurred")));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThatThrownBy(() -> client.messages().send(HI)).isInstanceOf(ServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sleeper.sleeps).hasSize(1);
  }

  @Test
  void pairRateLimit131056_notRetried_limiterToldAndPerRecipientSurfaced() {
    server.enqueue(json(400, error(131056, "Pair rate limit")));

    assertThatThrownBy(() -> client.messages().send(HI))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.perRecipient()).isTrue());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.sleeps).isEmpty();
    assertThat(limiter.rateLimited).containsExactly("4915112345678:131056:null");
    assertThat(limiter.succeeded).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {131047, 131026, 131049, 131050, 130472, 132000, 132001, 132015})
  void neverRetriedCodes_failAfterOneAttempt(int code) {
    server.enqueue(json(400, error(code, "no")));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThatThrownBy(() -> client.messages().send(HI))
        .isInstanceOfAny(SessionWindowClosedException.class, RecipientException.class, TemplateException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void connectionRefused_notSent_retriedThenSurfacedAsNotSent() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WhatsAppClient c = WhatsAppClient.builder().accessToken("t").phoneNumberId("1")
        .baseUrl("http://127.0.0.1:" + port + "/").sleeper(sleeper)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).jitter(0).build()).build();

    assertThatThrownBy(() -> c.messages().send(HI))
        .isInstanceOfSatisfying(ApiConnectionException.class, e -> {
          assertThat(e.requestMayHaveBeenSent()).isFalse();
          assertThat(e.retryable()).isTrue();
        });
    assertThat(sleeper.sleeps).hasSize(2);
    c.close();
  }

  @Test
  void disconnectAfterBodyWritten_possiblySent_notRetriedByDefault() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThatThrownBy(() -> client.messages().send(HI))
        .isInstanceOfSatisfying(ApiConnectionException.class, e -> {
          assertThat(e.requestMayHaveBeenSent()).isTrue();
          assertThat(e.retryable()).isFalse();
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void disconnectAfterBodyWritten_optionEnabled_isRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    SendResult r = client.messages().send(HI, RequestOptions.builder()
        .retryPolicy(RetryPolicy.builder().jitter(0).retryOnPossiblySentRequests(true).build()).build());
    assertThat(r.messageId()).isEqualTo("wamid.OK1");
    assertThat(sleeper.sleeps).hasSize(1);
  }

  @Test
  void idempotentGet_disconnect_isRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok(ClientTestSupport.fixture("peer/phoneNumber.json")));

    assertThat(client.account().phoneNumber().verifiedName()).isEqualTo("Test Number");
    assertThat(sleeper.sleeps).hasSize(1);
  }
  @Test
  void proxyGatewayErrorAfterSendWritten_isOutcomeUnknown_andNeverResent() {
    // A proxy's 504 page: no Graph API error body, the POST was written. Issue 17 item 4.
    server.enqueue(json(504, "<html><body>504 Gateway Time-out</body></html>"));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThatThrownBy(() -> client.messages().send(HI))
        .isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
          assertThat(e.outcomeUnknown()).isTrue();
          assertThat(e.retryable()).isFalse();
          assertThat(e.category()).isEqualTo(io.github.whatsapphelpdesk.error.ErrorCategory.SERVER);
          assertThat(e.httpStatus()).isEqualTo(504);
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void emptyBody502AfterSendWritten_isOutcomeUnknown() {
    server.enqueue(json(502, ""));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThatThrownBy(() -> client.messages().send(HI)).isInstanceOf(OutcomeUnknownException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void metasOwn5xxErrorBody_isAnAnswer_andRetriedPerItsCode() {
    server.enqueue(json(503, error(2, "Service temporarily unavailable")));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThat(client.messages().send(HI).messageId()).isEqualTo("wamid.OK1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void proxyGatewayErrorOnIdempotentGet_isRetried() {
    server.enqueue(json(502, "<html>bad gateway</html>"));
    server.enqueue(ok(ClientTestSupport.fixture("peer/phoneNumber.json")));

    assertThat(client.account().phoneNumber().verifiedName()).isEqualTo("Test Number");
    assertThat(sleeper.sleeps).hasSize(1);
  }

  @Test
  void proxyGatewayErrorAfterSendWritten_optionEnabled_isRetried() {
    server.enqueue(json(502, "<html>bad gateway</html>"));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    SendResult r = client.messages().send(HI, RequestOptions.builder()
        .retryPolicy(RetryPolicy.builder().jitter(0).retryOnPossiblySentRequests(true).build()).build());
    assertThat(r.messageId()).isEqualTo("wamid.OK1");
  }

  @Test
  void readTimeoutAfterSendWritten_reportsOutcomeUnknown() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    assertThatThrownBy(() -> client.messages().send(HI))
        .isInstanceOfSatisfying(ApiConnectionException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
  }
}
