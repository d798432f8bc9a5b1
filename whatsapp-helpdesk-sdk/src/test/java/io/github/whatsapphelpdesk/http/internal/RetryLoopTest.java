package io.github.whatsapphelpdesk.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.http.internal.RetryLoop.Step;
import io.github.whatsapphelpdesk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryLoopTest {
  private final MutableClock clock = MutableClock.create();
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<Integer> attempts = new ArrayList<>();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  private RetryLoop loop(int maxAttempts, Duration maxWait) {
    return new RetryLoop(d -> {
      sleeps.add(d);
      clock.advance(d);
    }, maxAttempts, maxWait);
  }

  @Test
  void run_retriesUntilDone_sleepingEachDelay() {
    String r = loop(4, Duration.ofMinutes(1)).run(n -> {
      attempts.add(n);
      return n < 3 ? Step.retry(Duration.ofSeconds(n), new IllegalStateException("fail " + n)) : Step.done("ok");
    });
    assertThat(r).isEqualTo("ok");
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void run_attemptsSpent_throwsLastFailureWithoutSleeping() {
    assertThatThrownBy(() -> loop(2, Duration.ofMinutes(1)).run(n -> {
      attempts.add(n);
      return Step.retry(Duration.ofSeconds(1), new IllegalStateException("fail " + n));
    })).isInstanceOf(IllegalStateException.class).hasMessage("fail 2");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void run_delayOverMaxWait_throwsAtOnce() {
    assertThatThrownBy(() -> loop(5, Duration.ofSeconds(10)).run(n ->
        Step.retry(Duration.ofSeconds(11), new IllegalStateException("too long"))))
        .hasMessage("too long");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void run_again_repeatsWithoutCounting() {
    boolean[] refreshed = {false};
    String r = loop(1, Duration.ZERO).run(n -> {
      attempts.add(n);
      if (!refreshed[0]) {
        refreshed[0] = true;
        return Step.again();
      }
      return Step.done("ok");
    });
    assertThat(r).isEqualTo("ok");
    assertThat(attempts).containsExactly(1, 1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void run_attemptThrows_propagatesWithoutRetry() {
    assertThatThrownBy(() -> loop(5, Duration.ofMinutes(1)).run(n -> {
      attempts.add(n);
      throw new IllegalArgumentException("terminal");
    })).hasMessage("terminal");
    assertThat(attempts).containsExactly(1);
  }

  @Test
  void run_interruptedDuringSleep_throwsFailureAndKeepsFlag() {
    RetryLoop loop = new RetryLoop(d -> Thread.currentThread().interrupt(), 5, Duration.ofMinutes(1));
    assertThatThrownBy(() -> loop.run(n -> {
      attempts.add(n);
      return Step.retry(Duration.ofSeconds(1), new IllegalStateException("interrupted " + n));
    })).hasMessage("interrupted 1");
    assertThat(attempts).containsExactly(1);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void constructor_zeroAttempts_rejected() {
    assertThatThrownBy(() -> loop(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
