package io.github.whatsapphelpdesk.template;

import static io.github.whatsapphelpdesk.client.TemplateParameter.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.client.ClientTestAccess;
import io.github.whatsapphelpdesk.client.Message;
import io.github.whatsapphelpdesk.client.SendResult;
import io.github.whatsapphelpdesk.client.TemplateComponent;
import io.github.whatsapphelpdesk.client.TemplateMessage;
import io.github.whatsapphelpdesk.client.WhatsAppClient;
import io.github.whatsapphelpdesk.error.ApiError;
import io.github.whatsapphelpdesk.error.SessionWindowClosedException;
import io.github.whatsapphelpdesk.error.TemplateException;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.error.TemplateValidationException;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meta rejects a template the registry holds: re-sync once, check again, then resend or give up. */
class TemplateResyncTest {
  private static final String TO = "+4915123456789";
  private static final TemplateMessage ORDER = TemplateMessage.of("order_update", "en_US",
      TemplateComponent.body(text("A-1042")));

  private MockWebServer server;
  private WhatsAppClient client;
  private final MutableClock clock = MutableClock.create();
  private TemplateRegistry registry;

  private static String page(String id, String body) {
    return "{\"data\":[{\"name\":\"order_update\",\"language\":\"en_US\",\"status\":\"APPROVED\",\"category\":\"UTILITY\","
        + "\"id\":\"" + id + "\",\"components\":[{\"type\":\"BODY\",\"text\":\"" + body + "\"}]}],"
        + "\"paging\":{\"cursors\":{\"before\":\"QVFI\",\"after\":\"QVFJ\"}}}";
  }

  @BeforeEach
  void start() {
    server = ClientTestAccess.server();
    client = ClientTestAccess.client(server);
    registry = TemplateRegistry.builder().client(client).clock(clock).build();
    server.enqueue(ClientTestAccess.json(200, page("111", "Order {{1}} shipped")));
    registry.sync();
    clock.advance(Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  private List<String> requests() throws InterruptedException {
    List<String> out = new java.util.ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS)) != null) {
      out.add(r.getMethod() + " " + r.getUrl().encodedPath().replaceAll("^/v[0-9.]+/", ""));
    }
    return out;
  }

  @Test
  void send_132000_resyncFindsMoreVariables_failsLocallyWithMetaAsCause() throws Exception {
    server.enqueue(ClientTestAccess.json(400, ClientTestAccess.error(132000, "Number of parameters does not match")));
    server.enqueue(ClientTestAccess.json(200, page("111", "Order {{1}} shipped to {{2}}")));

    assertThatThrownBy(() -> registry.send(client, Message.of(TO, ORDER)))
        .isInstanceOfSatisfying(TemplateValidationException.class, e -> {
          assertThat(e.code()).isEqualTo(132000);
          assertThat(e.problems()).extracting(TemplateProblem::kind).containsExactly(TemplateProblem.Kind.PARAMETER_COUNT);
          assertThat(e.getCause()).isInstanceOfSatisfying(TemplateException.class, c -> {
            assertThat(c.code()).isEqualTo(132000);
            assertThat(c.httpStatus()).isEqualTo(400);
          });
        });
    assertThat(requests()).containsExactly("GET 9876543210/message_templates", "POST 1234567890/messages",
        "GET 9876543210/message_templates");
  }

  @Test
  void send_132001_resyncFindsTheTemplateRecreated_resendsOnce() throws Exception {
    server.enqueue(ClientTestAccess.json(404, ClientTestAccess.error(132001, "Template name does not exist in the translation")));
    server.enqueue(ClientTestAccess.json(200, page("222", "Order {{1}} shipped")));
    server.enqueue(ClientTestAccess.json(200, ClientTestAccess.sendOk(TO, "4915123456789")));

    SendResult r = registry.send(client, Message.of(TO, ORDER));

    assertThat(r.messageId()).isEqualTo("wamid.OK1");
    assertThat(registry.find("order_update", "en_US").orElseThrow().id()).isEqualTo("222");
    assertThat(requests()).containsExactly("GET 9876543210/message_templates", "POST 1234567890/messages",
        "GET 9876543210/message_templates", "POST 1234567890/messages");
  }

  @Test
  void send_132001_resyncChangesNothing_givesUpWithMetasError() throws Exception {
    server.enqueue(ClientTestAccess.json(404, ClientTestAccess.error(132001, "Template name does not exist in the translation")));
    server.enqueue(ClientTestAccess.json(200, page("111", "Order {{1}} shipped")));

    assertThatThrownBy(() -> registry.send(client, Message.of(TO, ORDER)))
        .isExactlyInstanceOf(TemplateException.class)
        .satisfies(e -> assertThat(((TemplateException) e).code()).isEqualTo(132001));
    assertThat(requests()).containsExactly("GET 9876543210/message_templates", "POST 1234567890/messages",
        "GET 9876543210/message_templates");
  }

  @Test
  void send_132001_resyncShowsTemplatePaused_failsLocally() {
    server.enqueue(ClientTestAccess.json(404, ClientTestAccess.error(132001, "not found")));
    server.enqueue(ClientTestAccess.json(200, page("111", "Order {{1}} shipped").replace("APPROVED", "PAUSED")));

    assertThatThrownBy(() -> registry.send(client, Message.of(TO, ORDER)))
        .isInstanceOfSatisfying(TemplateValidationException.class, e -> {
          assertThat(e.code()).isEqualTo(132015);
          assertThat(e.getCause()).isInstanceOf(TemplateException.class);
        });
  }

  @Test
  void send_otherErrors_areNotResynced() throws Exception {
    server.enqueue(ClientTestAccess.json(400, ClientTestAccess.error(131047, "Re-engagement message")));

    assertThatThrownBy(() -> registry.send(client, Message.of(TO, ORDER)))
        .isInstanceOf(SessionWindowClosedException.class);
    assertThat(requests()).containsExactly("GET 9876543210/message_templates", "POST 1234567890/messages");
  }

  @Test
  void send_invalidLocally_neverCallsMeta() throws Exception {
    assertThatThrownBy(() -> registry.send(client, Message.of(TO, TemplateMessage.of("order_update", "en_US"))))
        .isInstanceOf(TemplateValidationException.class);
    assertThat(requests()).containsExactly("GET 9876543210/message_templates");
  }

  @Test
  void send_textMessage_goesStraightThrough() throws Exception {
    server.enqueue(ClientTestAccess.json(200, ClientTestAccess.sendOk(TO, "4915123456789")));

    assertThat(registry.send(client, Message.text(TO, "hello")).messageId()).isEqualTo("wamid.OK1");
    assertThat(requests()).containsExactly("GET 9876543210/message_templates", "POST 1234567890/messages");
  }

  @Test
  void send_neverSynced_syncsBeforeTheCheck() throws Exception {
    requests();
    TemplateRegistry fresh = TemplateRegistry.builder().client(client).clock(clock).build();
    server.enqueue(ClientTestAccess.json(200, page("111", "Order {{1}} shipped")));
    server.enqueue(ClientTestAccess.json(200, ClientTestAccess.sendOk(TO, "4915123456789")));

    fresh.send(client, Message.of(TO, ORDER));

    assertThat(requests()).containsExactly("GET 9876543210/message_templates", "POST 1234567890/messages");
  }

  @Test
  void onSendRejected_burstOfRejections_costsOneFetch() {
    AtomicInteger fetches = new AtomicInteger();
    List<MessageTemplate> v1 = List.of(TemplateFixtures.def("order_update", "en_US", ParameterFormat.POSITIONAL,
        TemplateFixtures.body("Order {{1}} shipped")));
    TemplateRegistry r = TemplateRegistry.builder().source(() -> {
      fetches.incrementAndGet();
      return v1;
    }).clock(clock).minResyncInterval(Duration.ofSeconds(30)).build();
    r.sync();
    clock.advance(Duration.ofMinutes(1));
    TemplateException rejected = new TemplateException(ApiError.of(132001, "not found", null));

    assertThat(r.onSendRejected(ORDER, rejected).outcome()).isEqualTo(RejectionVerdict.Outcome.GIVE_UP);
    clock.advance(Duration.ofSeconds(10));
    assertThat(r.onSendRejected(ORDER, rejected).outcome()).isEqualTo(RejectionVerdict.Outcome.GIVE_UP);
    assertThat(fetches).hasValue(2);
    clock.advance(Duration.ofSeconds(30));
    r.onSendRejected(ORDER, rejected);
    assertThat(fetches).hasValue(3);

    assertThat(r.onSendRejected(ORDER, new TemplateException(ApiError.of(132012, "format", null))).outcome())
        .isEqualTo(RejectionVerdict.Outcome.NOT_HANDLED);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void onSendRejected_configuredCodes_andInvalidVerdictCarriesProblems() {
    TemplateRegistry r = TemplateRegistry.builder().source(() -> List.of(TemplateFixtures.def("order_update", "en_US",
        ParameterFormat.POSITIONAL, TemplateFixtures.body("Order {{1}} to {{2}}")))).clock(clock)
        .resyncOn(132012).build();

    RejectionVerdict v = r.onSendRejected(ORDER, new TemplateException(ApiError.of(132012, "format", null)));

    assertThat(v.outcome()).isEqualTo(RejectionVerdict.Outcome.INVALID);
    assertThat(v.problems()).extracting(TemplateProblem::kind).containsExactly(TemplateProblem.Kind.PARAMETER_COUNT);
    assertThat(r.onSendRejected(ORDER, new TemplateException(ApiError.of(132001, "x", null))).outcome())
        .isEqualTo(RejectionVerdict.Outcome.NOT_HANDLED);
  }
}
