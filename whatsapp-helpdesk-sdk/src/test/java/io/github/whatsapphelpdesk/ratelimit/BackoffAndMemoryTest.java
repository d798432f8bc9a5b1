package io.github.whatsapphelpdesk.ratelimit;

import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.req;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffAndMemoryTest {
  private static final String NUMBER = "1000001";

  private static LimiterConfig fast() {
    return LimiterConfig.builder().throughputMps(1000).build();
  }

  @Test
  void onRateLimited_pairRate_growsFourfoldForThatRecipientOnly() {
    LimiterFixture f = new LimiterFixture(fast());
    OutboundRequest r = req("491400001", Priority.AGENT_REPLY);
    f.limiter.onRateLimited(r, 131056, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(4));
    assertThat(f.limiter.tryAcquire(req("491400002", Priority.AGENT_REPLY)).acquired()).isTrue();
    f.clock.advance(Duration.ofSeconds(4));
    f.limiter.onRateLimited(r, 131056, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(16));
    f.clock.advance(Duration.ofSeconds(16));
    f.limiter.onRateLimited(r, 131056, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(64));
    assertThat(f.limiter.backoffStrikes(NUMBER, "491400001")).isEqualTo(3);
  }

  @Test
  void onRateLimited_retryAfterHint_isHonouredWhenLonger() {
    LimiterFixture f = new LimiterFixture(fast());
    OutboundRequest r = req("491400001", Priority.AUTOMATED);
    f.limiter.onRateLimited(r, 130429, Duration.ofSeconds(30));
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(f.limiter.tryAcquire(req("491400002", Priority.AUTOMATED)).acquired()).isFalse();
  }

  @Test
  void onRateLimited_throughput_doublesThenRecoversAfterSuccesses() {
    LimiterFixture f = new LimiterFixture(fast());
    OutboundRequest r = req(null, Priority.BULK);
    f.limiter.onRateLimited(r, 130429, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(1));
    f.clock.advance(Duration.ofSeconds(1));
    f.limiter.onRateLimited(r, 130429, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(2));
    f.clock.advance(Duration.ofSeconds(2));
    assertThat(f.limiter.backoffStrikes(NUMBER, null)).isEqualTo(2);
    for (int i = 0; i < 10; i++) {
      f.limiter.onSuccess(r);
    }
    assertThat(f.limiter.backoffStrikes(NUMBER, null)).isEqualTo(1);
    f.limiter.onRateLimited(r, 130429, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void onRateLimited_quietTime_takesStrikesBackAndDropsState() {
    LimiterFixture f = new LimiterFixture(fast());
    OutboundRequest r = req("491400001", Priority.BULK);
    f.limiter.onRateLimited(r, 131056, null);
    f.clock.advance(Duration.ofSeconds(4));
    f.limiter.onRateLimited(r, 131056, null);
    f.clock.advance(Duration.ofSeconds(16));
    assertThat(f.limiter.backoffStrikes(NUMBER, "491400001")).isEqualTo(2);
    f.clock.advance(Duration.ofSeconds(60));
    assertThat(f.limiter.backoffStrikes(NUMBER, "491400001")).isEqualTo(1);
    f.clock.advance(Duration.ofSeconds(60));
    assertThat(f.limiter.backoffStrikes(NUMBER, "491400001")).isZero();
    assertThat(f.limiter.tryAcquire(r).acquired()).isTrue();
  }

  @Test
  void onRateLimited_spamAndWabaLimits_pauseTheNumberLong() {
    LimiterFixture f = new LimiterFixture(fast());
    OutboundRequest r = req("491400001", Priority.BULK);
    f.limiter.onRateLimited(r, 131048, null);
    assertThat(f.limiter.tryAcquire(req("491400009", Priority.BULK)).waitTime()).isEqualTo(Duration.ofSeconds(60));
    f.clock.advance(Duration.ofSeconds(60));
    f.limiter.onRateLimited(r, 80007, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(120));
    f.limiter.onRateLimited(r, 131047, null); // not a rate limit: ignored
    assertThat(f.limiter.backoffStrikes(NUMBER, null)).isEqualTo(2);
  }

  @Test
  void onRateLimited_queuedWaiters_areHeldUntilBackoffEnds() {
    LimiterFixture f = new LimiterFixture(fast());
    f.limiter.onRateLimited(req(null, Priority.BULK), 130429, Duration.ofSeconds(3));
    var fut = f.limiter.acquireAsync(req("491400001", Priority.AGENT_REPLY), Duration.ofSeconds(10));
    f.scheduler.advance(Duration.ofMillis(2_999));
    assertThat(fut).isNotDone();
    f.scheduler.advance(Duration.ofMillis(1));
    assertThat(fut).isCompleted();
  }

  @Test
  void cleanUp_idleRecipients_areEvicted() {
    LimiterFixture f = new LimiterFixture(fast());
    for (int i = 0; i < 20_000; i++) {
      f.limiter.tryAcquire(req("4913" + i, Priority.BULK));
      if (i % 900 == 0) {
        f.clock.advance(Duration.ofSeconds(1));
      }
    }
    assertThat(f.store.size()).isGreaterThan(20_000);
    // full refill of a recipient after one message: 6 s, plus the 60 s idle grace
    f.scheduler.advance(Duration.ofSeconds(67));
    assertThat(f.store.size()).isLessThanOrEqualTo(1);
    assertThat(f.limiter.tryAcquire(req("49130", Priority.BULK)).acquired()).isTrue();
  }

  @Test
  void cleanUp_recoveredBackoffKeys_areDropped() {
    LimiterFixture f = new LimiterFixture(fast());
    for (int i = 0; i < 100; i++) {
      f.limiter.onRateLimited(req("4912" + i, Priority.BULK), 131056, null);
    }
    assertThat(f.limiter.backoffKeys()).isEqualTo(100);
    f.scheduler.advance(Duration.ofMinutes(3));
    assertThat(f.limiter.backoffKeys()).isZero();
  }
}
