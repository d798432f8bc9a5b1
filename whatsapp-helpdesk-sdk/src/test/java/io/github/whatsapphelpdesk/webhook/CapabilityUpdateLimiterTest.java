package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.MessagingLimitExceededException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter;
import io.github.whatsapphelpdesk.ratelimit.LimiterConfig;
import io.github.whatsapphelpdesk.ratelimit.MessagingLimit;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 2: {@code business_capability_update} carries integers, and the messaging limit it reports
 * belongs to the business portfolio, shared by all its numbers (Meta, "Messaging limits"; since 2025-10-07).
 */
class CapabilityUpdateLimiterTest {
  private static final String WABA = "102290129340398";

  private static BusinessCapabilityUpdate parse(String wabaId, String value) {
    String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + wabaId
        + "\",\"time\":1739321024,\"changes\":[{\"value\":" + value
        + ",\"field\":\"business_capability_update\"}]}]}";
    return (BusinessCapabilityUpdate) WebhookParser.create().parse(body.getBytes(StandardCharsets.UTF_8)).events().get(0);
  }

  private static OutboundRequest template(String phoneNumberId, String waId) {
    return new OutboundRequest(phoneNumberId, waId, Priority.BULK, true);
  }

  @Test
  void integerLimit_appliesToThePortfolio_sharedByItsNumbers() {
    MutableClock clock = MutableClock.create();
    Map<String, String> numberPortfolio = Map.of("1001", "P1", "1002", "P1", "2001", "P2");
    try (DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder().clock(clock)
        .config(LimiterConfig.builder().throughputMps(1000).build())
        .portfolioOf(numberPortfolio::get)
        .portfolioOfWaba(waba -> WABA.equals(waba) ? "P1" : "P2")
        .build()) {
      BusinessCapabilityUpdate u = parse(WABA, "{\"max_daily_conversations_per_business\":2}");
      assertThat(u.applyTo(limiter)).isTrue();
      assertThat(limiter.messagingLimit("P1")).isEqualTo(MessagingLimit.of(2));
      assertThat(limiter.messagingLimit("P2")).isEqualTo(MessagingLimit.UNLIMITED);
      // two numbers of P1 share one count of unique recipients
      assertThat(limiter.tryAcquire(template("1001", "491700001")).acquired()).isTrue();
      assertThat(limiter.tryAcquire(template("1002", "491700002")).acquired()).isTrue();
      assertThatThrownBy(() -> limiter.tryAcquire(template("1002", "491700003")))
          .isInstanceOf(MessagingLimitExceededException.class);
      assertThatThrownBy(() -> limiter.tryAcquire(template("1001", "491700004")))
          .isInstanceOf(MessagingLimitExceededException.class);
      // a number of another portfolio is not limited by P1
      assertThat(limiter.tryAcquire(template("2001", "491700005")).acquired()).isTrue();
      // -1: unlimited
      assertThat(parse(WABA, "{\"max_daily_conversations_per_business\":-1}").applyTo(limiter)).isTrue();
      assertThat(limiter.messagingLimit("P1")).isEqualTo(MessagingLimit.UNLIMITED);
      assertThat(limiter.tryAcquire(template("1001", "491700006")).acquired()).isTrue();
    }
  }

  @Test
  void defaultLimiter_oneDefaultPortfolio_sharedByEveryNumber() {
    try (DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder().clock(MutableClock.create())
        .config(LimiterConfig.builder().throughputMps(1000).build()).build()) {
      assertThat(parse(WABA, "{\"max_daily_conversations_per_business\":250}").applyTo(limiter)).isTrue();
      assertThat(limiter.messagingLimit(limiter.portfolioOf("1001"))).isEqualTo(MessagingLimit.TIER_250);
      assertThat(limiter.messagingLimit(limiter.portfolioOf("9999"))).isEqualTo(MessagingLimit.TIER_250);
    }
  }

  @Test
  void noLimitInTheUpdate_appliesNothing() {
    try (DefaultOutboundLimiter limiter = DefaultOutboundLimiter.builder().clock(MutableClock.create()).build()) {
      assertThat(parse(WABA, "{\"max_phone_numbers_per_business\":20}").applyTo(limiter)).isFalse();
      assertThat(parse(WABA, "{\"max_daily_conversations_per_business\":0}").messagingLimit()).isEmpty();
      assertThat(limiter.messagingLimit("default")).isEqualTo(MessagingLimit.UNLIMITED);
    }
  }

  @Test
  void messagingLimit_ofDailyConversationsAndParse_readIntegers() {
    assertThat(MessagingLimit.ofDailyConversations(2000)).isEqualTo(MessagingLimit.TIER_2K);
    assertThat(MessagingLimit.ofDailyConversations(100_000)).isEqualTo(MessagingLimit.TIER_100K);
    assertThat(MessagingLimit.ofDailyConversations(-1)).isEqualTo(MessagingLimit.UNLIMITED);
    assertThat(MessagingLimit.parse("10000")).isEqualTo(MessagingLimit.TIER_10K);
    assertThat(MessagingLimit.parse("-1")).isEqualTo(MessagingLimit.UNLIMITED);
    assertThatThrownBy(() -> MessagingLimit.ofDailyConversations(0)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MessagingLimit.ofDailyConversations(-2)).isInstanceOf(ValidationException.class);
  }
}
