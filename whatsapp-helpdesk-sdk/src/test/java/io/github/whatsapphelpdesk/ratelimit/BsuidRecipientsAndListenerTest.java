package io.github.whatsapphelpdesk.ratelimit;

import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.req;
import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.MessagingLimitExceededException;
import io.github.whatsapphelpdesk.error.OutboundThrottledException;
import io.github.whatsapphelpdesk.observe.SdkListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Recipients addressed by BSUID (username customers) and the limiter's listener events. */
class BsuidRecipientsAndListenerTest {
  private static final String NUMBER = "1000001";
  private static final String ANNA = "US.13491208655302741918";
  private static final String BEN = "BR.ENT.99887766554433221100";

  /** Records every limiter event as "waited:layer:millis" or "refused:layer". */
  static final class Events implements SdkListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void limiterWaited(String layer, Duration waited) {
      seen.add("waited:" + layer + ":" + waited.toMillis());
    }

    @Override
    public void limiterRefused(String layer) {
      seen.add("refused:" + layer);
    }
  }

  @Test
  void pairRate_appliesPerBsuidRecipient() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000)
        .pairRate(Duration.ofSeconds(6), 1).build());
    OutboundRequest toAnna = OutboundRequest.of(NUMBER, CustomerId.ofBsuid(ANNA), Priority.AGENT_REPLY, false);
    assertThat(toAnna.recipientKey()).isEqualTo(ANNA);
    assertThat(f.limiter.tryAcquire(toAnna).acquired()).isTrue();
    assertThat(f.limiter.tryAcquire(toAnna).waitTime()).isEqualTo(Duration.ofSeconds(6));
    // another username customer is not affected
    assertThat(f.limiter.tryAcquire(req(BEN, Priority.AGENT_REPLY)).acquired()).isTrue();
    f.clock.advance(Duration.ofSeconds(6));
    assertThat(f.limiter.tryAcquire(toAnna).acquired()).isTrue();
  }

  @Test
  void backoffAfter131056_holdsOnlyThatBsuidRecipient() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000).build());
    OutboundRequest r = req(ANNA, Priority.AGENT_REPLY);
    f.limiter.onRateLimited(r, 131056, null);
    assertThat(f.limiter.tryAcquire(r).waitTime()).isEqualTo(Duration.ofSeconds(4));
    assertThat(f.limiter.tryAcquire(req(BEN, Priority.AGENT_REPLY)).acquired()).isTrue();
    assertThat(f.limiter.backoffStrikes(NUMBER, ANNA)).isEqualTo(1);
    f.clock.advance(Duration.ofSeconds(4));
    assertThat(f.limiter.tryAcquire(r).acquired()).isTrue();
  }

  @Test
  void messagingLimit_countsBsuidRecipients_andReportsTheRefusal() {
    Events events = new Events();
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000)
        .messagingLimit(MessagingLimit.of(2)).build(), events);
    assertThat(f.limiter.tryAcquire(template(ANNA)).acquired()).isTrue();
    assertThat(f.limiter.tryAcquire(template("4915112345678")).acquired()).isTrue();
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(f.limiter.tryAcquire(template(ANNA)).acquired()).isTrue(); // counted once per window
    catchThrowableOfType(() -> f.limiter.tryAcquire(template(BEN)), MessagingLimitExceededException.class);
    assertThat(f.limiter.messagingLimitUsage("default")).isEqualTo(2);
    assertThat(events.seen).containsExactly("refused:messaging-limit");
  }

  @Test
  void listener_reportsTheWaitOfAQueuedSend_andARefusalBeyondTheTimeout() throws Exception {
    Events events = new Events();
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000)
        .pairRate(Duration.ofSeconds(6), 1).build(), events);
    OutboundRequest r = req(ANNA, Priority.AGENT_REPLY);
    f.limiter.acquire(r, Duration.ZERO); // granted at once: no event
    assertThat(events.seen).isEmpty();

    CompletableFuture<Void> tooShort = f.limiter.acquireAsync(r, Duration.ofSeconds(1));
    assertThat(tooShort).isCompletedExceptionally();
    assertThat(catchCause(tooShort)).isInstanceOf(OutboundThrottledException.class);
    assertThat(events.seen).containsExactly("refused:pair");

    CompletableFuture<Void> queued = f.limiter.acquireAsync(r, Duration.ofSeconds(10));
    f.scheduler.advance(Duration.ofSeconds(5));
    assertThat(queued).isNotDone();
    f.scheduler.advance(Duration.ofSeconds(1));
    assertThat(queued).isCompleted();
    assertThat(events.seen).containsExactly("refused:pair", "waited:pair:6000");
  }

  @Test
  void listener_reportsThroughputWaits_andWireHolds() {
    Events events = new Events();
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(20)
        .throughputMargin(Duration.ZERO).build(), events);
    // the 20 mps bucket has a burst of 1: the second send to another recipient waits 50 ms
    assertThat(f.limiter.tryAcquire(req("4915100000001", Priority.BULK)).acquired()).isTrue();
    CompletableFuture<Void> second = f.limiter.acquireAsync(req("4915100000002", Priority.BULK), Duration.ofSeconds(1));
    f.scheduler.advance(Duration.ofMillis(50));
    assertThat(second).isCompleted();
    assertThat(events.seen).containsExactly("waited:throughput:50");

    events.seen.clear();
    for (int i = 0; i < 20; i++) {
      assertThat(f.limiter.tryDispatch(req("49151" + (10_000_000 + i), Priority.BULK))).isZero();
    }
    Duration held = f.limiter.tryDispatch(req(BEN, Priority.BULK));
    assertThat(held).isPositive();
    assertThat(events.seen).containsExactly("waited:wire:" + held.toMillis());
  }

  @Test
  void aThrowingListenerNeverChangesADecision() {
    SdkListener broken = new SdkListener() {
      @Override
      public void limiterRefused(String layer) {
        throw new IllegalStateException("boom");
      }
    };
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000)
        .messagingLimit(MessagingLimit.of(1)).build(), broken);
    assertThat(f.limiter.tryAcquire(template(ANNA)).acquired()).isTrue();
    catchThrowableOfType(() -> f.limiter.tryAcquire(template(BEN)), MessagingLimitExceededException.class);
  }

  @Test
  void anyLimiterBackend_isAccepted_andOpenedOnceWithTheLimitersClock() {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger consumed = new AtomicInteger();
    LimiterBackend counting = (clock, idleGrace) -> {
      opened.incrementAndGet();
      BucketStore inner = LimiterBackend.inMemory().open(clock, idleGrace);
      return new BucketStore() {
        @Override
        public Consumption tryConsume(String key, BucketSpec spec, long tokens) {
          consumed.incrementAndGet();
          return inner.tryConsume(key, spec, tokens);
        }

        @Override
        public void addTokens(String key, BucketSpec spec, long tokens) {
          inner.addTokens(key, spec, tokens);
        }

        @Override
        public void reconfigure(String key, BucketSpec spec) {
          inner.reconfigure(key, spec);
        }
      };
    };
    io.github.whatsapphelpdesk.testkit.MutableClock clock = io.github.whatsapphelpdesk.testkit.MutableClock.create();
    try (DefaultOutboundLimiter l = DefaultOutboundLimiter.builder().clock(clock).backend(counting)
        .config(LimiterConfig.builder().throughputMps(1000).build()).build()) {
      assertThat(l.tryAcquire(req(ANNA, Priority.AGENT_REPLY)).acquired()).isTrue();
      assertThat(l.tryAcquire(req(null, Priority.AUTOMATED)).acquired()).isTrue();
      l.updateThroughput(NUMBER, 80);
      assertThat(l.throughput(NUMBER)).isEqualTo(80);
    }
    assertThat(opened).hasValue(1);
    assertThat(consumed).hasValue(3); // pair + number, then number only
  }

  private static Throwable catchCause(CompletableFuture<Void> f) throws InterruptedException {
    try {
      f.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
