package io.github.whatsapphelpdesk.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact sliding-window guard and the re-dating of an entry to when its request was written. */
class SlidingWindowLogTest {
  private static final long W = 1_000;

  @Test
  void tryAcquire_fullWindow_returnsTheWaitUntilTheOldestLeaves() {
    SlidingWindowLog log = new SlidingWindowLog(2, W);
    assertThat(log.tryAcquire(0)).isZero();
    assertThat(log.tryAcquire(10)).isZero();
    assertThat(log.tryAcquire(500)).isEqualTo(500);
    assertThat(log.tryAcquire(1_000)).isZero();
    assertThat(log.tryAcquire(1_000)).isEqualTo(10);
  }

  @Test
  void redate_movesTheOwnersEntryLaterOnlyOnce() {
    SlidingWindowLog log = new SlidingWindowLog(2, W);
    Object a = new Object();
    Object b = new Object();
    assertThat(log.tryAcquire(0, a)).isZero();
    assertThat(log.tryAcquire(5, b)).isZero();
    assertThat(log.redate(a, 200)).isTrue();
    assertThat(log.redate(a, 300)).as("already re-dated").isFalse();
    assertThat(log.redate(b, 1)).as("never earlier").isTrue();
    assertThat(log.redate(new Object(), 50)).isFalse();
    assertThat(log.redate(null, 50)).isFalse();
    // a's entry now counts from 200 and b's still from 5: the ring's oldest slot is a's
    assertThat(log.tryAcquire(1_100)).isEqualTo(100);
    assertThat(log.tryAcquire(1_200)).isZero();
    assertThat(log.tryAcquire(1_200)).isZero();
  }

  @Test
  void redate_evictedEntry_isIgnored() {
    SlidingWindowLog log = new SlidingWindowLog(1, W);
    Object a = new Object();
    assertThat(log.tryAcquire(0, a)).isZero();
    assertThat(log.tryAcquire(1_000, new Object())).isZero();
    assertThat(log.redate(a, 1_500)).isFalse();
    assertThat(log.tryAcquire(2_000)).isZero();
  }

  @Test
  void resize_keepsTheNewestEntriesAndTheirOwners() {
    SlidingWindowLog log = new SlidingWindowLog(3, W);
    Object a = new Object();
    Object c = new Object();
    log.tryAcquire(0, a);
    log.tryAcquire(10, new Object());
    log.tryAcquire(20, c);
    log.resize(2);
    assertThat(log.redate(a, 30)).as("a was dropped by the shrink").isFalse();
    assertThat(log.redate(c, 400)).isTrue();
    assertThat(log.tryAcquire(1_005)).isEqualTo(5);
    assertThat(log.tryAcquire(1_010)).isZero();
    assertThat(log.tryAcquire(1_010)).isEqualTo(390);
    log.resize(4);
    assertThat(log.tryAcquire(1_010)).isZero();
  }
}
