package io.github.whatsapphelpdesk.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Zendesk's budget headers: the account limit is shared with other apps, so slow down before a 429. */
class ZendeskBudgetHeadersTest {
  private final ZendeskTestSupport t = new ZendeskTestSupport();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void budgetNearlySpentByOtherApps_holdsRequestsWithoutCallingZendesk() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().build())) {
      a.upsertContact(Fixtures.contact()); // token + first call at the start of Zendesk's minute
      t.fake.otherAppsUse(680);
      a.upsertContact(Fixtures.contact()); // answered with X-Rate-Limit-Remaining: 18 of 700
      int before = t.drain().size();

      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact()))
          .isInstanceOfSatisfying(HelpdeskRateLimitedException.class, e -> assertThat(e.retryAfter().orElseThrow())
              .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60)));
      assertThat(t.drain()).as("held locally, nothing sent").isEmpty();
      assertThat(before).isPositive();

      t.clock.advance(Duration.ofSeconds(61)); // Zendesk's window has reset
      a.upsertContact(Fixtures.contact());
    }
    assertThat(t.fake.budget429s()).isZero();
  }

  @Test
  void sharedBudget_adapterStopsBeforeZendeskAnswers429() {
    int sent = 0;
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().accountBudgetReserve(0).build())) {
      a.upsertContact(Fixtures.contact());
      t.fake.otherAppsUse(600); // 600 of 700 spent by other apps this minute
      for (int i = 0; i < 300; i++) {
        try {
          a.upsertContact(Fixtures.contact());
          sent++;
        } catch (HelpdeskRateLimitedException e) {
          break;
        }
      }
    }
    assertThat(t.fake.budget429s()).as("Zendesk never had to answer 429").isZero();
    assertThat(sent).isBetween(90, 100);
  }

  @Test
  void listEndpointsRatelimitReset_isTheHold() {
    try (ZendeskAdapter a = ZendeskAdapter.create(t.config().build())) {
      var contact = a.upsertContact(Fixtures.contact());
      long ticket = Long.parseLong(a.findOrCreateTicket(Fixtures.request(contact, "k1", "hi")).ticket().ticketId());
      a.parseAgentReplies(t.fake.agentReplyWebhook(ticket, "Hi", ZendeskTestSupport.SECRET)); // looks up users/me
      t.clock.advance(Duration.ofSeconds(20));
      t.fake.otherAppsUse(680);
      a.parseAgentReplies(t.fake.agentReplyWebhook(ticket, "Hello", ZendeskTestSupport.SECRET)); // lists comments
      assertThatThrownBy(() -> a.upsertContact(Fixtures.contact()))
          .isInstanceOfSatisfying(HelpdeskRateLimitedException.class,
              e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(40)));
    }
  }

  @Test
  void reserveOutOfRange_rejectedByConfig() {
    assertThatThrownBy(() -> t.config().accountBudgetReserve(1.0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accountBudgetReserve");
  }
}
