package io.github.whatsapphelpdesk.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.freshdesk.fake.FakeFreshdeskServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshdeskRateLimitTest {
  private final FakeFreshdeskServer fake;

  FreshdeskRateLimitTest() throws Exception {
    fake = new FakeFreshdeskServer();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void call_429WithShortRetryAfter_sleepsThatLongAndRetries() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().build())) {
      fake.freshdesk.rateLimitNext(3);

      a.upsertContact(Fixtures.CUSTOMER);

      assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(3));
      assertThat(fake.freshdesk.store().contacts()).hasSize(1);
      assertThat(fake.freshdesk.requests()).containsExactly("POST /api/v2/contacts", "POST /api/v2/contacts");
    }
  }

  @Test
  void call_429BeyondRetries_throwsRateLimitedWithRetryAfter() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().maxRateLimitRetries(0).build())) {
      fake.freshdesk.rateLimitNext(42);

      assertThatThrownBy(() -> a.upsertContact(Fixtures.CUSTOMER))
          .isInstanceOfSatisfying(HelpdeskRateLimitedException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.retryable()).isTrue();
          });
      assertThat(fake.sleeps).isEmpty();
    }
  }

  @Test
  void call_retryAfterLongerThanMaxWait_throwsWithoutSleeping() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().build())) {
      fake.freshdesk.rateLimitNext(120);

      assertThatThrownBy(() -> a.upsertContact(Fixtures.CUSTOMER))
          .isInstanceOfSatisfying(HelpdeskRateLimitedException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
      assertThat(fake.sleeps).isEmpty();
      // The next call is blocked client-side until Retry-After passes, without reaching Freshdesk.
      int before = fake.freshdesk.requests().size();
      assertThatThrownBy(() -> a.upsertContact(Fixtures.CUSTOMER)).isInstanceOf(HelpdeskRateLimitedException.class)
          .hasMessageContaining("client-side");
      assertThat(fake.freshdesk.requests()).hasSize(before);
      fake.clock.advance(Duration.ofSeconds(120));
      a.upsertContact(Fixtures.CUSTOMER);
      assertThat(fake.freshdesk.store().contacts()).hasSize(1);
    }
  }

  @Test
  void call_remainingHeaderZero_pacesNextCallByOnePermitOfTotal() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().build())) {
      fake.freshdesk.rateLimit(120, 1);

      a.upsertContact(Fixtures.CUSTOMER);
      assertThat(fake.sleeps).isEmpty();
      a.upsertContact(Fixtures.CUSTOMER);

      // X-RateLimit-Total 120/min -> one permit every 500 ms once the remaining budget hit 0; the second
      // upsert makes two calls (POST answered 409, then the lookup), each reporting 0 remaining.
      assertThat(fake.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }
  }

  @Test
  void call_budgetExhaustedThenMinutePasses_refilledBudgetNeverSleeps() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().build())) {
      fake.freshdesk.rateLimit(120, 1);
      a.upsertContact(Fixtures.CUSTOMER); // Freshdesk reports 0 remaining

      fake.clock.advance(Duration.ofSeconds(61)); // Freshdesk's minute window refills the budget
      a.upsertContact(Fixtures.CUSTOMER);
      a.upsertContact(Fixtures.CUSTOMER);

      assertThat(fake.sleeps).isEmpty();
    }
  }

  @Test
  void call_ampleRemaining_neverSleeps() {
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().build())) {
      fake.freshdesk.rateLimit(400, 400);
      for (int i = 0; i < 10; i++) {
        a.upsertContact(Fixtures.CUSTOMER);
      }
      assertThat(fake.sleeps).isEmpty();
    }
  }

  @Test
  void call_endpointSubLimitExhausted_pacesOnlyThatClass() {
    FreshdeskRateLimits tiny = new FreshdeskRateLimits(1000, 1000, 1000, 1000, 2);
    try (FreshdeskAdapter a = FreshdeskAdapter.create(fake.config().rateLimits(tiny)
        .maxRateLimitWait(Duration.ofMinutes(1)).build())) {
      fake.freshdesk.rateLimit(1000, 1000);
      fake.freshdesk.store().addContact("M", "+" + Fixtures.WA_ID, "whatsapp:" + Fixtures.WA_ID);

      a.upsertContact(Fixtures.CUSTOMER); // 409 then one contacts-list call
      a.upsertContact(Fixtures.CUSTOMER); // one more contacts-list call: budget of 2 used
      assertThat(fake.sleeps).isEmpty();
      a.upsertContact(Fixtures.CUSTOMER); // the third list call waits 30 s (2 per minute)

      assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(30));
    }
  }
}
