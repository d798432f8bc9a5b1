package io.github.whatsapphelpdesk.ratelimit;

import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.req;
import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.whatsapphelpdesk.error.MessagingLimitExceededException;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessagingLimitTest {

  private static LimiterConfig limitOf(long n) {
    return LimiterConfig.builder().throughputMps(1000).messagingLimit(MessagingLimit.of(n)).build();
  }

  @Test
  void tryAcquire_newRecipientBeyondLimit_throwsWithWindowAndReturnTime() {
    LimiterFixture f = new LimiterFixture(limitOf(3));
    Instant first = f.clock.instant();
    for (int i = 0; i < 3; i++) {
      assertThat(f.limiter.tryAcquire(template("49170000" + i)).acquired()).isTrue();
      f.clock.advance(Duration.ofMinutes(10));
    }
    MessagingLimitExceededException e = catchThrowableOfType(
        () -> f.limiter.tryAcquire(template("491700009")), MessagingLimitExceededException.class);
    assertThat(e.limit()).isEqualTo(3);
    assertThat(e.window()).isEqualTo(Duration.ofHours(24));
    assertThat(e.capacityReturnsAt()).isEqualTo(first.plus(Duration.ofHours(24)));
    assertThat(e.portfolioId()).isEqualTo("default");
    assertThat(e.retryable()).isTrue();
    assertThat(f.limiter.messagingLimitUsage("default")).isEqualTo(3);
  }

  @Test
  void tryAcquire_knownRecipientAtLimit_stillAllowed() {
    LimiterFixture f = new LimiterFixture(limitOf(2));
    f.limiter.tryAcquire(template("491700001"));
    f.limiter.tryAcquire(template("491700002"));
    f.clock.advance(Duration.ofMinutes(1));
    assertThat(f.limiter.tryAcquire(template("491700001")).acquired()).isTrue();
    assertThat(f.limiter.messagingLimitUsage("default")).isEqualTo(2);
  }

  @Test
  void tryAcquire_nonTemplateOrOpenWindow_doesNotCount() {
    LimiterFixture f = new LimiterFixture(limitOf(1), (phone, waId) -> waId.endsWith("7"));
    assertThat(f.limiter.tryAcquire(template("491700007")).acquired()).isTrue(); // window open
    assertThat(f.limiter.tryAcquire(req("491700005", Priority.AGENT_REPLY)).acquired()).isTrue(); // free-form
    assertThat(f.limiter.messagingLimitUsage("default")).isZero();
    assertThat(f.limiter.tryAcquire(template("491700001")).acquired()).isTrue();
    assertThatThrownBy(() -> f.limiter.tryAcquire(template("491700002")))
        .isInstanceOf(MessagingLimitExceededException.class);
  }

  @Test
  void tryAcquire_after24Hours_oldestLeavesAndNewRecipientFits() {
    LimiterFixture f = new LimiterFixture(limitOf(1));
    f.limiter.tryAcquire(template("491700001"));
    f.clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThatThrownBy(() -> f.limiter.tryAcquire(template("491700002")))
        .isInstanceOf(MessagingLimitExceededException.class);
    f.clock.advance(Duration.ofSeconds(1));
    assertThat(f.limiter.tryAcquire(template("491700002")).acquired()).isTrue();
  }

  @Test
  void tryAcquire_refusedByPairRate_doesNotUseMessagingCapacity() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000)
        .pairRate(Duration.ofSeconds(6), 1).messagingLimit(MessagingLimit.of(2)).build());
    assertThat(f.limiter.tryAcquire(req("491700001", Priority.AGENT_REPLY)).acquired()).isTrue();
    assertThat(f.limiter.tryAcquire(template("491700001")).acquired()).isFalse();
    assertThat(f.limiter.messagingLimitUsage("default")).isZero();
  }

  @Test
  void updateMessagingLimit_perPortfolio_appliesOnlyThere() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000).build());
    f.limiter.updateMessagingLimit("default", MessagingLimit.parse("TIER_250"));
    for (int i = 0; i < 250; i++) {
      f.clock.advance(Duration.ofMillis(2));
      assertThat(f.limiter.tryAcquire(template("4917100" + i)).acquired()).isTrue();
    }
    f.clock.advance(Duration.ofMillis(2));
    assertThatThrownBy(() -> f.limiter.tryAcquire(template("491719999")))
        .isInstanceOf(MessagingLimitExceededException.class).hasMessageContaining("250");
    f.limiter.updateMessagingLimit("default", MessagingLimit.UNLIMITED);
    assertThat(f.limiter.tryAcquire(template("491719999")).acquired()).isTrue();
  }

  @Test
  void parse_metaTiers_mapToRecipientCounts() {
    assertThat(MessagingLimit.parse("TIER_250").maxRecipients()).isEqualTo(250);
    assertThat(MessagingLimit.parse("TIER_2K").maxRecipients()).isEqualTo(2_000);
    assertThat(MessagingLimit.parse("tier_10k").maxRecipients()).isEqualTo(10_000);
    assertThat(MessagingLimit.parse("TIER_100K").maxRecipients()).isEqualTo(100_000);
    assertThat(MessagingLimit.parse("TIER_UNLIMITED").unlimited()).isTrue();
    assertThat(MessagingLimit.parse("TIER_1K").maxRecipients()).isEqualTo(1_000);
  }

  @Test
  void parse_unknownTier_throwsValidationException() {
    assertThatThrownBy(() -> MessagingLimit.parse("NOT_SET")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MessagingLimit.parse("TIER_3")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MessagingLimit.parse(null)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> MessagingLimit.of(0)).isInstanceOf(ValidationException.class);
  }

  @Test
  void mps_throughputLevels_mapToRates() {
    // verified against the Cloud API reference (throughput{level}, e.g. STANDARD)
    assertThat(ThroughputLevels.mps("STANDARD")).hasValue(80);
    assertThat(ThroughputLevels.mps(" standard ")).hasValue(80);
    // unverified level names (rates documented, names not): HIGH, COEXISTENCE, NOT_APPLICABLE
    assertThat(ThroughputLevels.mps("high")).hasValue(1000);
    assertThat(ThroughputLevels.mps("COEXISTENCE")).hasValue(20);
    assertThat(ThroughputLevels.mps("NOT_APPLICABLE")).hasValue(80);
  }

  @Test
  void mps_unknownOrMissingLevel_isEmptyNotAnError() {
    assertThat(ThroughputLevels.mps("TURBO")).isEmpty();
    assertThat(ThroughputLevels.mps("")).isEmpty();
    assertThat(ThroughputLevels.mps(null)).isEmpty();
  }

  @Test
  void build_invalidConfig_listsEveryProblem() {
    ValidationException e = catchThrowableOfType(() -> LimiterConfig.builder().throughputMps(1001)
        .pairRate(Duration.ZERO, 0).build(), ValidationException.class);
    assertThat(e.violations()).hasSize(3);
  }
}
