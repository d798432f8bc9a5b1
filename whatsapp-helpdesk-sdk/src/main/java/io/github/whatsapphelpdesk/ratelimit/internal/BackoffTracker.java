package io.github.whatsapphelpdesk.ratelimit.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Adaptive backoff per key after Meta's rate-limit answers. Each answer adds a strike and pauses the
 * key for {@code max(hint, base * factor^(strikes-1))}, capped. A strike is taken back after a number
 * of successes or after a quiet interval without new answers; a key with no strikes left is dropped,
 * so the map only holds keys in trouble.
 */
public final class BackoffTracker {
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
  private final long maxNanos;
  private final int recoverAfterSuccesses;
  private final long recoveryIntervalNanos;

  private static final class State {
    int strikes;
    int successes;
    long pausedUntil;
    long lastChange;
  }

  public BackoffTracker(long maxNanos, int recoverAfterSuccesses, long recoveryIntervalNanos) {
    this.maxNanos = maxNanos;
    this.recoverAfterSuccesses = recoverAfterSuccesses;
    this.recoveryIntervalNanos = recoveryIntervalNanos;
  }

  /** Nanoseconds the key must still wait, 0 when free. Lock-free when the key has no backoff. */
  public long waitNanos(String key, long now) {
    if (states.isEmpty()) {
      return 0;
    }
    State s = states.get(key);
    if (s == null) {
      return 0;
    }
    synchronized (s) {
      return Math.max(0, s.pausedUntil - now);
    }
  }

  /**
   * Records a rate-limit answer and returns the pause it set.
   *
   * @param baseNanos pause of the first strike
   * @param factor growth per further strike
   * @param hintNanos the server's retry-after hint, or 0
   */
  public long strike(String key, long now, long baseNanos, long factor, long hintNanos) {
    long[] pause = new long[1];
    states.compute(key, (k, s) -> {
      State st = s == null ? new State() : s;
      synchronized (st) {
        decay(st, now);
        st.strikes = Math.min(st.strikes + 1, 30);
        st.successes = 0;
        long p = baseNanos;
        for (int i = 1; i < st.strikes && p < maxNanos; i++) {
          p = p > maxNanos / factor ? maxNanos : p * factor;
        }
        p = Math.min(Math.max(p, hintNanos), maxNanos);
        st.pausedUntil = Math.max(st.pausedUntil, now + p);
        st.lastChange = now;
        pause[0] = p;
      }
      return st;
    });
    return pause[0];
  }

  /** Records a success; enough of them take a strike back. */
  public void success(String key, long now) {
    if (states.isEmpty()) {
      return;
    }
    states.computeIfPresent(key, (k, st) -> {
      synchronized (st) {
        decay(st, now);
        if (now >= st.pausedUntil && ++st.successes >= recoverAfterSuccesses) {
          st.strikes--;
          st.successes = 0;
          st.lastChange = now;
        }
        return st.strikes <= 0 && now >= st.pausedUntil ? null : st;
      }
    });
  }

  /** Current strikes of a key (after time-based recovery). */
  public int strikes(String key, long now) {
    State s = states.get(key);
    if (s == null) {
      return 0;
    }
    synchronized (s) {
      decay(s, now);
      return s.strikes;
    }
  }

  /** Drops keys that have fully recovered; returns how many. */
  public int sweep(long now) {
    int before = states.size();
    states.entrySet().removeIf(e -> {
      State st = e.getValue();
      synchronized (st) {
        decay(st, now);
        return st.strikes <= 0 && now >= st.pausedUntil;
      }
    });
    return before - states.size();
  }

  /** Keys held (for tests and metrics). */
  public int size() {
    return states.size();
  }

  private void decay(State st, long now) {
    if (st.strikes > 0 && now >= st.pausedUntil) {
      long since = now - Math.max(st.lastChange, st.pausedUntil);
      long steps = since / recoveryIntervalNanos;
      if (steps > 0) {
        st.strikes = (int) Math.max(0, st.strikes - steps);
        st.lastChange = Math.max(st.lastChange, st.pausedUntil) + steps * recoveryIntervalNanos;
      }
    }
  }
}
