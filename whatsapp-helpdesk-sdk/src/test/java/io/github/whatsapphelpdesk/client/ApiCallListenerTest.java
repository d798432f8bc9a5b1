package io.github.whatsapphelpdesk.client;

import static io.github.whatsapphelpdesk.client.ClientTestSupport.error;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.fixture;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.json;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.ok;
import static io.github.whatsapphelpdesk.client.ClientTestSupport.sendOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestSupport.RecordingSleeper;
import io.github.whatsapphelpdesk.error.ApiConnectionException;
import io.github.whatsapphelpdesk.observe.SdkListener;
import io.github.whatsapphelpdesk.ratelimit.OutboundLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Cloud API HTTP exchange, retries included, reaches {@link SdkListener#apiCall} with a bounded name. */
class ApiCallListenerTest {
  private static final Message HI = Message.text("+4915112345678", "hi");

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Duration> elapsedTimes = new CopyOnWriteArrayList<>();
  private MockWebServer server;
  private WhatsAppClient client;

  @BeforeEach
  void start() {
    server = ClientTestSupport.server();
    SdkListener listener = new SdkListener() {
      @Override
      public void apiCall(String operation, int httpStatus, Duration elapsed) {
        calls.add(operation + ":" + httpStatus);
        elapsedTimes.add(elapsed);
      }
    };
    client = ClientTestSupport.builder(server, new RecordingSleeper())
        .outboundLimiter(OutboundLimiter.unlimited()).listener(listener).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void send_retriedThenOk_reportsEachExchange() {
    server.enqueue(json(503, error(2, "Service down")));
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    client.messages().send(HI);
    assertThat(calls).containsExactly("messages:503", "messages:200");
    // Timed on the client's clock, which this test never advances.
    assertThat(elapsedTimes).containsOnly(Duration.ZERO);
  }

  @Test
  void idOnlyPaths_reportEndpointName_neverTheId() {
    server.enqueue(ok(fixture("peer/media.json")));
    server.enqueue(ok("{\"success\":true}"));
    server.enqueue(ok(fixture("peer/phoneNumber.json")));
    server.enqueue(ok("{\"data\":[]}"));

    client.media().info("1227829768162607");
    client.media().delete("1227829768162607");
    client.account().phoneNumber();
    client.templates().list();
    assertThat(calls).containsExactly("media:200", "media:200", "phone_numbers:200", "templates:200");
    assertThat(String.join(",", calls)).doesNotContain("1227829768162607").doesNotContain(ClientTestSupport.PHONE_ID);
  }

  @Test
  void connectionLost_reportsStatusZero() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    assertThatThrownBy(() -> client.messages().send(HI)).isInstanceOf(ApiConnectionException.class);
    assertThat(calls).containsExactly("messages:0");
  }

  @Test
  void throwingListener_neverChangesTheOutcome() {
    WhatsAppClient c = ClientTestSupport.builder(server, new RecordingSleeper())
        .outboundLimiter(OutboundLimiter.unlimited()).listener(new SdkListener() {
          @Override
          public void apiCall(String operation, int httpStatus, Duration elapsed) {
            throw new IllegalStateException("broken listener");
          }
        }).build();
    server.enqueue(ok(sendOk("+4915112345678", "4915112345678")));

    assertThat(c.messages().send(HI).messageId()).isEqualTo("wamid.OK1");
    c.close();
  }
}
