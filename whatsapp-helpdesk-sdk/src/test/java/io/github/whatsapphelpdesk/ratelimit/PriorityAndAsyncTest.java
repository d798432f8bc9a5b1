package io.github.whatsapphelpdesk.ratelimit;

import static io.github.whatsapphelpdesk.ratelimit.LimiterFixture.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.error.OutboundThrottledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class PriorityAndAsyncTest {

  @Test
  void acquireAsync_contention_servesAgentThenAutomatedThenBulk() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(10).build());
    assertThat(f.limiter.tryAcquire(req("491600000", Priority.BULK)).acquired()).isTrue();
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Priority[] arrivals = {Priority.BULK, Priority.BULK, Priority.AUTOMATED, Priority.BULK, Priority.AGENT_REPLY,
        Priority.AUTOMATED, Priority.AGENT_REPLY, Priority.BULK};
    for (int i = 0; i < arrivals.length; i++) {
      Priority p = arrivals[i];
      String name = p + "#" + i;
      f.limiter.acquireAsync(req("49160000" + (i + 1), p), Duration.ofSeconds(30)).thenRun(() -> order.add(name));
    }
    assertThat(order).isEmpty();
    f.scheduler.advance(Duration.ofSeconds(2));
    assertThat(order).containsExactly("AGENT_REPLY#4", "AGENT_REPLY#6", "AUTOMATED#2", "AUTOMATED#5",
        "BULK#0", "BULK#1", "BULK#3", "BULK#7");
  }

  @Test
  void tryAcquire_lowerLaneWhileHigherQueued_mustWait() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(10).build());
    f.limiter.tryAcquire(req("491600000", Priority.BULK));
    CompletableFuture<Void> agent = f.limiter.acquireAsync(req("491600001", Priority.AGENT_REPLY), Duration.ofSeconds(5));
    f.clock.advance(Duration.ofMillis(200)); // the token is back, but the queued agent reply owns it
    assertThat(f.limiter.tryAcquire(req("491600002", Priority.BULK)).acquired()).isFalse();
    f.scheduler.advance(Duration.ZERO);
    assertThat(agent).isCompleted();
  }

  @Test
  void acquireAsync_thousandWaiters_oneScheduledTaskNoThreads() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(100).build());
    long pendingBefore = f.scheduler.pending();
    int threadsBefore = Thread.activeCount();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      futures.add(f.limiter.acquireAsync(req("4916" + i, Priority.BULK), Duration.ofMinutes(1)));
    }
    assertThat(futures.stream().filter(CompletableFuture::isDone).count()).isEqualTo(5); // the burst
    assertThat(f.scheduler.pending() - pendingBefore).isEqualTo(1);
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
    f.scheduler.advance(Duration.ofSeconds(5));
    assertThat(futures.stream().filter(CompletableFuture::isDone).count()).isBetween(495L, 505L);
    f.scheduler.advance(Duration.ofSeconds(6));
    assertThat(futures).allMatch(fu -> fu.isDone() && !fu.isCompletedExceptionally());
  }

  @Test
  void acquireAsync_waitBeyondTimeout_failsWithThrottledException() throws Exception {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(1000).pairRate(Duration.ofSeconds(6), 1).build());
    f.limiter.acquireAsync(req("491600001", Priority.AGENT_REPLY), Duration.ZERO).get();
    CompletableFuture<Void> second = f.limiter.acquireAsync(req("491600001", Priority.AGENT_REPLY), Duration.ofSeconds(1));
    assertThat(second).isCompletedExceptionally();
    assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(OutboundThrottledException.class);
  }

  @Test
  void acquireAsync_queuedPastDeadline_timesOut() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().throughputMps(2).build());
    f.limiter.tryAcquire(req("491600000", Priority.AGENT_REPLY));
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      futures.add(f.limiter.acquireAsync(req("49160000" + i, Priority.BULK), Duration.ofMillis(1500)));
    }
    f.scheduler.advance(Duration.ofSeconds(2));
    assertThat(futures.get(0)).isCompletedWithValue(null);
    assertThat(futures.subList(2, 4)).allMatch(CompletableFuture::isCompletedExceptionally);
    assertThatThrownBy(() -> futures.get(3).join()).hasCauseInstanceOf(OutboundThrottledException.class);
  }

  @Test
  void acquire_blockingWithPermit_returnsAndLongWaitThrowsAtOnce() {
    LimiterFixture f = new LimiterFixture(LimiterConfig.builder().pairRate(Duration.ofSeconds(6), 1).build());
    f.limiter.acquire(req("491600001", Priority.AGENT_REPLY), Duration.ofSeconds(1));
    assertThatThrownBy(() -> f.limiter.acquire(req("491600001", Priority.AGENT_REPLY), Duration.ofSeconds(1)))
        .isInstanceOf(OutboundThrottledException.class)
        .satisfies(e -> assertThat(((OutboundThrottledException) e).waitTime()).isGreaterThan(Duration.ofSeconds(5)));
  }
}
