package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskNotFoundException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException.FieldError;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZendeskErrorsAndLimitsTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();

  @AfterEach
  void close() {
    t.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private HelpdeskException failWith(MockResponse response) {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().maxRateLimitRetries(0).build())) {
      a.upsertContact(Fixtures.contact()); // obtains the token first
      t.fake.failNext(response);
      a.upsertContact(Fixtures.contact());
    } catch (HelpdeskException e) {
      return e;
    }
    throw new AssertionError("no exception");
  }

  @Test
  void status429_noRetriesLeft_rateLimitedWithRetryAfter() {
    HelpdeskException e = failWith(json(429, "{}").newBuilder().setHeader("Retry-After", "17").build());
    assertThat(e).isInstanceOf(HelpdeskRateLimitedException.class);
    assertThat(((HelpdeskRateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(17));
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void status429_defaultConfig_thrownWithoutSleeping() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().build())) {
      a.upsertContact(Fixtures.contact());
      t.fake.rateLimitNext(1, 7);
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact())).isInstanceOf(HelpdeskRateLimitedException.class)
          .satisfies(e -> assertThat(((HelpdeskRateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7)))
          .satisfies(e -> assertThat(((HelpdeskRateLimitedException) e).adapterId()).isEqualTo("zendesk"));
    }
    assertThat(t.sleeps).isEmpty();
  }

  @Test
  void statuses_mapIntoHierarchy() {
    assertThat(failWith(json(409, "{\"error\":\"Conflict\"}"))).isInstanceOf(HelpdeskConflictException.class);
    assertThat(failWith(json(400, "{\"error\":\"IdempotentRequestError\"}"))).isInstanceOf(HelpdeskConflictException.class);
    assertThat(failWith(json(403, "{\"error\":\"Forbidden\"}"))).isInstanceOf(HelpdeskAuthenticationException.class);
    assertThat(failWith(json(404, "{\"error\":\"RecordNotFound\"}"))).isInstanceOf(HelpdeskNotFoundException.class);
    assertThat(failWith(json(503, ""))).isInstanceOf(HelpdeskUnavailableException.class)
        .satisfies(x -> assertThat(x.retryable()).isTrue());
  }

  @Test
  void status422_fieldErrorsFromDetails() {
    HelpdeskException e = failWith(json(422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
        + "\"details\":{\"phone\":[{\"description\":\"Phone: +12 is not valid\",\"error\":\"InvalidFormat\"}]}}"));
    assertThat(e).isInstanceOf(HelpdeskValidationException.class);
    assertThat(((HelpdeskValidationException) e).fieldErrors())
        .containsExactly(new FieldError("phone", "InvalidFormat", "Phone: +12 is not valid"));
  }

  @Test
  void htmlErrorPage_mappedByStatus() {
    MockResponse html = new MockResponse.Builder().code(403).setHeader("Content-Type", "text/html")
        .body("<html><body>Forbidden</body></html>").build();
    assertThat(failWith(html)).isInstanceOf(HelpdeskAuthenticationException.class);
  }

  @Test
  void ioFailure_unavailable() {
    ZendeskConfig cfg = t.config().baseUrl("http://127.0.0.1:1").build();
    try (ZendeskAdapter a = ZendeskAdapter.create(cfg)) {
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact())).isInstanceOf(HelpdeskUnavailableException.class);
    }
  }

  @Test
  void status429_withinBudget_waitsRetryAfterOnSleeperThenSucceeds() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().maxRateLimitRetries(2).build())) {
      a.upsertContact(Fixtures.contact());
      t.fake.rateLimitNext(2, 3);
      HelpdeskContact c = a.upsertContact(Fixtures.contact());
      assertThat(c.contactId()).isNotBlank();
    }
    assertThat(t.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void status429_retryAfterLongerThanMaxWait_thrownAtOnce() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().maxRateLimitRetries(3).maxRetryWait(Duration.ofSeconds(5)).build())) {
      a.upsertContact(Fixtures.contact());
      t.fake.rateLimitNext(1, 60);
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact())).isInstanceOf(HelpdeskRateLimitedException.class);
    }
    assertThat(t.sleeps).isEmpty();
  }

  @Test
  void perTicketLimit_31stUpdateIn10Minutes_heldLocallyWithoutHttp() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().maxRateLimitRetries(0).build())) {
      HelpdeskContact c = a.upsertContact(Fixtures.contact());
      TicketHandle h = a.findOrCreateTicket(Fixtures.request(c, "k", "first")).ticket();
      for (int i = 0; i < 30; i++) {
        a.appendCustomerMessage(h, Fixtures.message(c, "w" + i, "m" + i));
      }
      t.drain();
      assertThatThrownBy(() -> a.appendCustomerMessage(h, Fixtures.message(c, "w31", "m31")))
          .isInstanceOf(HelpdeskRateLimitedException.class).hasMessageContaining("local rate limit")
          .satisfies(e -> assertThat(((HelpdeskRateLimitedException) e).retryAfter().orElseThrow())
              .isEqualTo(Duration.ofSeconds(20)));
      assertThat(t.drain()).isEmpty();
      t.clock.advance(Duration.ofSeconds(20));
      a.appendCustomerMessage(h, Fixtures.message(c, "w31", "m31"));
    }
  }

  @Test
  void shouldCoalesce_ticketBudgetNearlySpent_true() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().updatesPerTicketPer10Minutes(10).build())) {
      HelpdeskContact c = a.upsertContact(Fixtures.contact());
      TicketHandle h = a.findOrCreateTicket(Fixtures.request(c, "k", "first")).ticket();
      assertThat(a.shouldCoalesce(h)).isFalse();
      for (int i = 0; i < 9; i++) {
        a.appendCustomerMessage(h, Fixtures.message(c, "w" + i, "m" + i));
      }
      assertThat(a.shouldCoalesce(h)).isTrue();
      t.clock.advance(Duration.ofMinutes(10));
      assertThat(a.shouldCoalesce(h)).isFalse();
    }
  }

  @Test
  void accountLimit_exhausted_waitsOnSleeperWhenAllowed() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().requestsPerMinute(2).maxRateLimitRetries(1)
        .maxRetryWait(Duration.ofMinutes(1)).build())) {
      a.upsertContact(Fixtures.contact());
      a.upsertContact(Fixtures.contact());
      a.upsertContact(Fixtures.contact());
    }
    assertThat(t.sleeps).containsExactly(Duration.ofSeconds(30));
  }
}
