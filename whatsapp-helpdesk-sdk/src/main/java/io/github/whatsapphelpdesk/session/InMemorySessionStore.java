package io.github.whatsapphelpdesk.session;

import io.github.whatsapphelpdesk.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The embedded {@link SessionStore}: compact enough for millions of conversations. No object per
 * conversation: each lives in a slot of parallel primitive arrays (the wa_id as a {@code long}, the
 * business number as an index into a small table, three timestamps as {@code int} seconds and one byte
 * of notice bits: 25 bytes), in 64 open-addressing segments with linear probing and backward-shift
 * deletion, each under its own lock. Tables double at 75 % load, so a conversation costs 33-67 bytes
 * of heap (see {@code benchmarks/README.md} for measurements at 1M and 10M).
 *
 * <p>Keys are exact: the table stores the whole key (wa_id digits and number index), not a hash, so two
 * customers never share a slot. Timestamps must lie between 2020-01-01 and 2156-02-07 (unsigned 32-bit
 * seconds from 2020); others are rejected with a {@link ValidationException}.
 *
 * <p>Not durable: after a restart the windows are gone and re-open with the customers' next messages.
 * Use a durable backend if warnings must survive restarts. Thread-safe.
 */
public final class InMemorySessionStore implements SessionStore {
  private static final long BASE = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
  private static final long MAX_OFFSET = 0xFFFF_FFFFL;
  private static final int SEGMENT_BITS = 6;
  private static final int SEGMENTS = 1 << SEGMENT_BITS;

  private final Segment[] segments = new Segment[SEGMENTS];
  private final ConcurrentHashMap<String, Integer> numberIndex = new ConcurrentHashMap<>();
  private final List<String> numbers = new ArrayList<>();

  private InMemorySessionStore(int expectedConversations) {
    int perSegment = Math.max(16, expectedConversations / SEGMENTS);
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(perSegment);
    }
  }

  /** An empty store. */
  public static InMemorySessionStore create() {
    return new InMemorySessionStore(1024);
  }

  /** An empty store presized for about {@code expectedConversations}, to avoid rehashing. */
  public static InMemorySessionStore withExpectedSize(int expectedConversations) {
    if (expectedConversations < 0) {
      throw new IllegalArgumentException("expectedConversations < 0");
    }
    return new InMemorySessionStore(expectedConversations);
  }

  @Override
  public SessionRecord recordInbound(SessionKey key, Instant at, boolean referral) {
    int t = encode(at, "at");
    long wa = wa(key);
    int num = numberOf(key.phoneNumberId(), true);
    Segment s = segment(wa, num);
    synchronized (s) {
      int slot = s.findOrInsert(wa, num);
      if (Integer.compareUnsigned(t, s.last[slot]) > 0 || s.last[slot] == 0) {
        if (t != s.last[slot]) {
          s.notified[slot] = 0;
        }
        s.last[slot] = t;
      }
      if (referral && (s.referral[slot] == 0 || Integer.compareUnsigned(t, s.referral[slot]) > 0)) {
        s.referral[slot] = t;
      }
      return s.record(slot, key);
    }
  }

  @Override
  public Optional<SessionRecord> openFreeEntryPoint(
      SessionKey key, Instant replyAt, Duration replyWithin, Duration length) {
    int t = encode(replyAt, "replyAt");
    long wa = wa(key);
    int num = numberOf(key.phoneNumberId(), false);
    if (num < 0) {
      return Optional.empty();
    }
    Segment s = segment(wa, num);
    synchronized (s) {
      int slot = s.find(wa, num);
      if (slot < 0) {
        return Optional.empty();
      }
      long ref = Integer.toUnsignedLong(s.referral[slot]);
      long reply = Integer.toUnsignedLong(t);
      long fep = Integer.toUnsignedLong(s.fep[slot]);
      boolean eligible = s.referral[slot] != 0 && reply >= ref && reply < ref + replyWithin.toSeconds();
      boolean running = s.fep[slot] != 0 && reply < fep;
      if (eligible && !running) {
        s.fep[slot] = encode(replyAt.plus(length), "freeEntryPointExpiresAt");
      }
      return Optional.of(s.record(slot, key));
    }
  }

  @Override
  public Optional<SessionRecord> get(SessionKey key) {
    long wa = wa(key);
    int num = numberOf(key.phoneNumberId(), false);
    if (num < 0) {
      return Optional.empty();
    }
    Segment s = segment(wa, num);
    synchronized (s) {
      int slot = s.find(wa, num);
      return slot < 0 ? Optional.empty() : Optional.of(s.record(slot, key));
    }
  }

  /**
   * The latest inbound timestamp in epoch seconds, or -1: the allocation-free read the tracker's hot path
   * and the benchmarks use.
   */
  public long lastInboundEpochSecond(SessionKey key) {
    long wa = wa(key);
    int num = numberOf(key.phoneNumberId(), false);
    if (num < 0) {
      return -1;
    }
    Segment s = segment(wa, num);
    synchronized (s) {
      int slot = s.find(wa, num);
      return slot < 0 ? -1 : decodeSeconds(s.last[slot]);
    }
  }

  @Override
  public int claimNotifications(SessionKey key, Instant lastInboundAt, int bits) {
    long wa = wa(key);
    int num = numberOf(key.phoneNumberId(), false);
    if (num < 0) {
      return 0;
    }
    int t = encode(lastInboundAt, "lastInboundAt");
    Segment s = segment(wa, num);
    synchronized (s) {
      int slot = s.find(wa, num);
      if (slot < 0 || s.last[slot] != t) {
        return 0;
      }
      int fresh = bits & 0xFF & ~s.notified[slot];
      s.notified[slot] |= (byte) fresh;
      return fresh;
    }
  }

  @Override
  public void forEachInboundBetween(Instant from, Instant to, Consumer<SessionRecord> visitor) {
    long lo = Math.max(from.getEpochSecond() - BASE, 0);
    long hi = Math.min(to.getEpochSecond() - BASE, MAX_OFFSET + 1);
    if (lo >= hi) {
      return;
    }
    List<SessionRecord> batch = new ArrayList<>();
    for (Segment s : segments) {
      batch.clear();
      synchronized (s) {
        for (int i = 0; i < s.wa.length; i++) {
          if (s.wa[i] != 0) {
            long last = Integer.toUnsignedLong(s.last[i]);
            if (last >= lo && last < hi) {
              batch.add(s.record(i, new SessionKey(numbers(s.num[i]), Long.toString(s.wa[i]))));
            }
          }
        }
      }
      // Visit outside the lock, so a visitor may call back into the store.
      batch.forEach(visitor);
    }
  }

  @Override
  public boolean erase(SessionKey key) {
    long wa = wa(key);
    int num = numberOf(key.phoneNumberId(), false);
    if (num < 0) {
      return false;
    }
    Segment s = segment(wa, num);
    synchronized (s) {
      int slot = s.find(wa, num);
      if (slot < 0) {
        return false;
      }
      s.delete(slot);
      return true;
    }
  }

  @Override
  public long evictBefore(Instant cutoff) {
    long c = cutoff.getEpochSecond() - BASE;
    if (c <= 0) {
      return 0;
    }
    long removed = 0;
    for (Segment s : segments) {
      synchronized (s) {
        int i = 0;
        while (i < s.wa.length) {
          if (s.wa[i] != 0 && Integer.toUnsignedLong(s.last[i]) < c
              && Integer.toUnsignedLong(s.fep[i]) < c) {
            s.delete(i);
            removed++;
            // Backward-shift deletion may have moved another entry into slot i: look at it again.
          } else {
            i++;
          }
        }
      }
    }
    return removed;
  }

  @Override
  public long size() {
    long n = 0;
    for (Segment s : segments) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  private String numbers(int index) {
    synchronized (numbers) {
      return numbers.get(index);
    }
  }

  private int numberOf(String phoneNumberId, boolean create) {
    Integer i = numberIndex.get(phoneNumberId);
    if (i != null || !create) {
      return i == null ? -1 : i;
    }
    synchronized (numbers) {
      return numberIndex.computeIfAbsent(phoneNumberId, id -> {
        numbers.add(id);
        return numbers.size() - 1;
      });
    }
  }

  private Segment segment(long wa, int num) {
    return segments[(int) (mix(wa, num) >>> (64 - SEGMENT_BITS))];
  }

  private static long wa(SessionKey key) {
    return Long.parseLong(key.waId()); // 1-15 digits, checked by SessionKey; never 0 after E.164
  }

  static long mix(long wa, int num) {
    long h = wa * 0x9E3779B97F4A7C15L + num;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static int encode(Instant at, String what) {
    Objects.requireNonNull(at, what);
    long off = at.getEpochSecond() - BASE;
    if (off < 1 || off > MAX_OFFSET) {
      throw new ValidationException("Session timestamp",
          List.of(what + " must lie between 2020-01-01 and 2156-02-07, got " + at));
    }
    return (int) off;
  }

  private static long decodeSeconds(int t) {
    return BASE + Integer.toUnsignedLong(t);
  }

  private static Instant decode(int t) {
    return t == 0 ? null : Instant.ofEpochSecond(decodeSeconds(t));
  }

  /** One open-addressing table; guarded by its own monitor. */
  private static final class Segment {
    long[] wa;
    int[] num;
    int[] last;
    int[] referral;
    int[] fep;
    byte[] notified;
    int size;

    Segment(int expected) {
      int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 4L / 3 + 1)) - 1) << 1;
      allocate(cap);
    }

    private void allocate(int cap) {
      wa = new long[cap];
      num = new int[cap];
      last = new int[cap];
      referral = new int[cap];
      fep = new int[cap];
      notified = new byte[cap];
    }

    int index(long w, int n) {
      return (int) mix(w, n) & (wa.length - 1);
    }

    int find(long w, int n) {
      int mask = wa.length - 1;
      for (int i = index(w, n); ; i = (i + 1) & mask) {
        if (wa[i] == 0) {
          return -1;
        }
        if (wa[i] == w && num[i] == n) {
          return i;
        }
      }
    }

    int findOrInsert(long w, int n) {
      int found = find(w, n);
      if (found >= 0) {
        return found;
      }
      if ((size + 1) * 4L > wa.length * 3L) {
        grow();
      }
      int mask = wa.length - 1;
      int i = index(w, n);
      while (wa[i] != 0) {
        i = (i + 1) & mask;
      }
      wa[i] = w;
      num[i] = n;
      size++;
      return i;
    }

    private void grow() {
      long[] ow = wa;
      int[] on = num;
      int[] ol = last;
      int[] or = referral;
      int[] of = fep;
      byte[] ob = notified;
      allocate(ow.length * 2);
      int mask = wa.length - 1;
      for (int j = 0; j < ow.length; j++) {
        if (ow[j] != 0) {
          int i = index(ow[j], on[j]);
          while (wa[i] != 0) {
            i = (i + 1) & mask;
          }
          wa[i] = ow[j];
          num[i] = on[j];
          last[i] = ol[j];
          referral[i] = or[j];
          fep[i] = of[j];
          notified[i] = ob[j];
        }
      }
    }

    /** Backward-shift deletion: keeps probe chains intact without tombstones. */
    void delete(int slot) {
      int mask = wa.length - 1;
      int hole = slot;
      int i = slot;
      while (true) {
        i = (i + 1) & mask;
        if (wa[i] == 0) {
          break;
        }
        int home = index(wa[i], num[i]);
        // Move entry i into the hole if its home position is not in (hole, i] cyclically.
        boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!between) {
          copy(i, hole);
          hole = i;
        }
      }
      wa[hole] = 0;
      num[hole] = 0;
      last[hole] = 0;
      referral[hole] = 0;
      fep[hole] = 0;
      notified[hole] = 0;
      size--;
    }

    private void copy(int from, int to) {
      wa[to] = wa[from];
      num[to] = num[from];
      last[to] = last[from];
      referral[to] = referral[from];
      fep[to] = fep[from];
      notified[to] = notified[from];
    }

    SessionRecord record(int slot, SessionKey key) {
      return new SessionRecord(key, decode(last[slot]), decode(referral[slot]), decode(fep[slot]),
          notified[slot] & 0xFF);
    }
  }
}
