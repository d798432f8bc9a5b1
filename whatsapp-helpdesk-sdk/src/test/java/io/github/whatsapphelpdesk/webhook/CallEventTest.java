package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.customer.Customer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 1: the {@code calls} field becomes typed {@link CallEvent}s, not {@link UnknownEvent}s.
 * Payloads follow Meta's "User-initiated calls" and "Business-initiated calls" pages; BSUIDs as on messages.
 */
class CallEventTest {
  private static final String BSUID = "US.13491208655302741918";

  private static List<WebhookEvent> parse(String name) throws IOException {
    try (InputStream in = CallEventTest.class.getResourceAsStream("/webhooks/calls/" + name)) {
      ParsedWebhook p = WebhookParser.create().parse(in.readAllBytes());
      assertThat(p.problems()).isEmpty();
      return p.events();
    }
  }

  @Test
  void userInitiatedConnect_isACallThatOpensTheWindow() throws IOException {
    CallEvent c = (CallEvent) parse("user-initiated-connect.json").get(0);
    assertThat(c.kind()).isEqualTo(CallEvent.Kind.CONNECT);
    assertThat(c.direction()).isEqualTo(CallEvent.Direction.USER_INITIATED);
    assertThat(c.callId()).isEqualTo("wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh");
    assertThat(c.metadata().phoneNumberId()).isEqualTo("436666719526789");
    assertThat(c.metadata().wabaId()).isEqualTo("366634483210360");
    assertThat(c.timestamp()).isEqualTo(Instant.ofEpochSecond(1671644824));
    assertThat(c.opensServiceWindow()).isTrue();
    Customer customer = c.customer();
    assertThat(customer.bsuid()).isEqualTo(BSUID);
    assertThat(customer.phone()).isEqualTo("16315553601");
    assertThat(customer.username()).isEqualTo("ana.b");
    assertThat(customer.profileName()).isEqualTo("Ana Baptista");
    assertThat(c.idempotencyKey()).isEqualTo("call:wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh:connect");
    assertThat(c.toString()).doesNotContain("16315553601").doesNotContain("13491208655302741918")
        .doesNotContain("Ana Baptista").doesNotContain("ana.b");
  }

  @Test
  void userInitiatedTerminate_carriesDurationAndDoesNotMoveTheWindow() throws IOException {
    CallEvent c = (CallEvent) parse("user-initiated-terminate.json").get(0);
    assertThat(c.kind()).isEqualTo(CallEvent.Kind.TERMINATE);
    assertThat(c.status()).isEqualTo("COMPLETED");
    assertThat(c.durationSeconds()).isEqualTo(70L);
    assertThat(c.startTime()).isEqualTo(Instant.ofEpochSecond(1671644834));
    assertThat(c.endTime()).isEqualTo(Instant.ofEpochSecond(1671644904));
    assertThat(c.customer().id().value()).isEqualTo(BSUID);
    assertThat(c.opensServiceWindow()).isFalse();
    assertThat(c.idempotencyKey()).isEqualTo("call:wacid.ABGGFjFVU2AfAgo6V-Hc5eCgK5Gh:terminate:COMPLETED");
  }

  @Test
  void businessInitiatedConnectAndStatus_areTypedAndDoNotOpenTheWindow() throws IOException {
    List<WebhookEvent> events = parse("business-initiated-connect-and-status.json");
    assertThat(events).hasSize(2).allMatch(e -> e instanceof CallEvent);
    CallEvent connect = (CallEvent) events.get(0);
    assertThat(connect.direction()).isEqualTo(CallEvent.Direction.BUSINESS_INITIATED);
    assertThat(connect.customer().phone()).isEqualTo("12185552828");
    assertThat(connect.bizOpaqueCallbackData()).isEqualTo("TRx334DUDFTI4Mj");
    assertThat(connect.opensServiceWindow()).isFalse();
    CallEvent ringing = (CallEvent) events.get(1);
    assertThat(ringing.kind()).isEqualTo(CallEvent.Kind.STATUS);
    assertThat(ringing.status()).isEqualTo("RINGING");
    assertThat(ringing.customer().phone()).isEqualTo("12185552828");
    assertThat(ringing.opensServiceWindow()).isFalse();
    assertThat(ringing.idempotencyKey()).isNotEqualTo(connect.idempotencyKey());
  }
}
