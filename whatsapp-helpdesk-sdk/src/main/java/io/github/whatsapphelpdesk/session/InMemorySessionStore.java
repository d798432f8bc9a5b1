package io.github.whatsapphelpdesk.session;

import io.github.whatsapphelpdesk.customer.CustomerId;
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
 * conversation: each lives in a slot of primitive arrays (the key packed in one {@code long}: the wa_id's 50 bits
 * and the business number's index; next to it the last-inbound and referral times as unsigned
 * {@code int} seconds; apart, the free-entry-point end and one byte of notice bits: 21 bytes), in 64
 * open-addressing segments with linear probing and backward-shift deletion, each under its own lock (a {@code StampedLock}: reads of the last-inbound time are optimistic).
 * Tables double at 75 % load, so a conversation costs 28-56 bytes of heap (see {@code benchmarks/README.md} for measurements at 1M and 10M).
 *
 * <p>Keys are exact: the table stores the whole key (wa_id digits and number index), not a hash, so two
 * customers never share a slot. Customers keyed by BSUID (username customers, and every customer first
 * seen with a BSUID) cannot be packed into a {@code long}: they live in a second, ordinary map of
 * immutable {@link SessionRecord}s (about 200 bytes each), updated atomically per key, with the same
 * semantics and the same timestamp range. Phone keys keep the packed table and its cost. One store holds up to 8,191 business phone number ids. Timestamps must lie between 2020-01-01 and 2156-02-07 (unsigned 32-bit
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
  /** A wa_id has at most 15 digits: below 2^50. */
  private static final int WA_BITS = 50;
  private static final long WA_MASK = (1L << WA_BITS) - 1;
  /** Business numbers per store (13 bits above the wa_id; index 0 is never used, so a key is never 0). */
  private static final int MAX_NUMBERS = (1 << 13) - 1;

  private final Segment[] segments = new Segment[SEGMENTS];
  /** Records of BSUID-keyed customers; every update is one atomic {@code compute} on the key. */
  private final ConcurrentHashMap<SessionKey, SessionRecord> byBsuid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> numberIndex = new ConcurrentHashMap<>();
  private final List<String> numbers = new ArrayList<>();
  private volatile NumberEntry lastNumber;

  /** The last business number looked up and its index. */
  private record NumberEntry(String id, int index) {}

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
    if (key.customer().isBsuid()) {
      Instant ts = decode(t);
      return byBsuid.compute(key, (k, old) -> {
        if (old == null) {
          return new SessionRecord(k, ts, referral ? ts : null, null, 0);
        }
        boolean forward = ts.isAfter(old.lastInboundAt());
        Instant ref = old.referralAt();
        if (referral && (ref == null || ts.isAfter(ref))) {
          ref = ts;
        }
        return new SessionRecord(k, forward ? ts : old.lastInboundAt(), ref, old.freeEntryPointExpiresAt(),
            forward ? 0 : old.notified());
      });
    }
    long k = packed(key, true);
    Segment s = segment(k);
    long stamp = s.lock.writeLock();
    try {
      int slot = s.findOrInsert(k);
      int last = s.last(slot);
      if (last == 0 || Integer.compareUnsigned(t, last) > 0) {
        s.notified[slot] = 0;
        last = t;
      }
      int ref = s.referral(slot);
      if (referral && (ref == 0 || Integer.compareUnsigned(t, ref) > 0)) {
        ref = t;
      }
      s.setTimes(slot, last, ref);
      return s.record(slot, key);
    } finally {
      s.lock.unlockWrite(stamp);
    }
  }

  @Override
  public Optional<SessionRecord> openFreeEntryPoint(
      SessionKey key, Instant replyAt, Duration replyWithin, Duration length) {
    int t = encode(replyAt, "replyAt");
    if (key.customer().isBsuid()) {
      Instant reply = decode(t);
      Instant end = decode(encode(replyAt.plus(length), "freeEntryPointExpiresAt"));
      return Optional.ofNullable(byBsuid.computeIfPresent(key, (k, old) -> {
        Instant ref = old.referralAt();
        Instant fep = old.freeEntryPointExpiresAt();
        boolean eligible = ref != null && !reply.isBefore(ref) && reply.isBefore(ref.plus(replyWithin));
        boolean running = fep != null && reply.isBefore(fep);
        return eligible && !running
            ? new SessionRecord(k, old.lastInboundAt(), ref, end, old.notified()) : old;
      }));
    }
    long k = packed(key, false);
    if (k < 0) {
      return Optional.empty();
    }
    Segment s = segment(k);
    long stamp = s.lock.writeLock();
    try {
      int slot = s.find(k);
      if (slot < 0) {
        return Optional.empty();
      }
      long ref = Integer.toUnsignedLong(s.referral(slot));
      long reply = Integer.toUnsignedLong(t);
      long fep = Integer.toUnsignedLong(s.fep[slot]);
      boolean eligible = ref != 0 && reply >= ref && reply < ref + replyWithin.toSeconds();
      boolean running = fep != 0 && reply < fep;
      if (eligible && !running) {
        s.fep[slot] = encode(replyAt.plus(length), "freeEntryPointExpiresAt");
      }
      return Optional.of(s.record(slot, key));
    } finally {
      s.lock.unlockWrite(stamp);
    }
  }

  @Override
  public Optional<SessionRecord> get(SessionKey key) {
    if (key.customer().isBsuid()) {
      return Optional.ofNullable(byBsuid.get(key));
    }
    long k = packed(key, false);
    if (k < 0) {
      return Optional.empty();
    }
    Segment s = segment(k);
    long stamp = s.lock.readLock();
    try {
      int slot = s.find(k);
      return slot < 0 ? Optional.empty() : Optional.of(s.record(slot, key));
    } finally {
      s.lock.unlockRead(stamp);
    }
  }

  /** Allocation-free: an optimistic read of one table slot, no lock unless a writer intervenes. */
  @Override
  public long lastInboundEpochSecond(SessionKey key) {
    if (key.customer().isBsuid()) {
      SessionRecord r = byBsuid.get(key);
      return r == null ? -1 : r.lastInboundAt().getEpochSecond();
    }
    long k = packed(key, false);
    if (k < 0) {
      return -1;
    }
    long h = mix(k);
    Segment s = segmentOf(h);
    // Optimistic read: no lock taken unless a writer intervened (then retry under the read lock).
    long stamp = s.lock.tryOptimisticRead();
    long[] slots = s.slots;
    int slot = Segment.find(slots, k, h);
    long times = slot < 0 ? 0 : slots[2 * slot + 1];
    if (!s.lock.validate(stamp)) {
      stamp = s.lock.readLock();
      try {
        slot = s.find(k);
        times = slot < 0 ? 0 : s.slots[2 * slot + 1];
      } finally {
        s.lock.unlockRead(stamp);
      }
    }
    return slot < 0 ? -1 : decodeSeconds((int) (times >>> 32));
  }

  @Override
  public int claimNotifications(SessionKey key, Instant lastInboundAt, int bits) {
    if (key.customer().isBsuid()) {
      Instant expected = decode(encode(lastInboundAt, "lastInboundAt"));
      int[] claimed = {0};
      byBsuid.computeIfPresent(key, (k, old) -> {
        if (!old.lastInboundAt().equals(expected)) {
          return old;
        }
        claimed[0] = bits & 0xFF & ~old.notified();
        return claimed[0] == 0 ? old : new SessionRecord(k, old.lastInboundAt(), old.referralAt(),
            old.freeEntryPointExpiresAt(), old.notified() | claimed[0]);
      });
      return claimed[0];
    }
    long k = packed(key, false);
    if (k < 0) {
      return 0;
    }
    int t = encode(lastInboundAt, "lastInboundAt");
    Segment s = segment(k);
    long stamp = s.lock.writeLock();
    try {
      int slot = s.find(k);
      if (slot < 0 || s.last(slot) != t) {
        return 0;
      }
      int fresh = bits & 0xFF & ~s.notified[slot];
      s.notified[slot] |= (byte) fresh;
      return fresh;
    } finally {
      s.lock.unlockWrite(stamp);
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
    for (SessionRecord r : byBsuid.values()) {
      long last = r.lastInboundAt().getEpochSecond() - BASE;
      if (last >= lo && last < hi) {
        batch.add(r);
      }
    }
    batch.forEach(visitor);
    for (Segment s : segments) {
      batch.clear();
      // A read lock: lookups (optimistic reads) are not disturbed by the scan.
      long stamp = s.lock.readLock();
      try {
        for (int i = 0; i < s.capacity(); i++) {
          long k = s.slots[2 * i];
          if (k != 0) {
            long last = Integer.toUnsignedLong(s.last(i));
            if (last >= lo && last < hi) {
              batch.add(s.record(i, new SessionKey(numbers((int) (k >>> WA_BITS) - 1),
                  new CustomerId(Long.toString(k & WA_MASK)))));
            }
          }
        }
      } finally {
        s.lock.unlockRead(stamp);
      }
      // Visit outside the lock, so a visitor may call back into the store.
      batch.forEach(visitor);
    }
  }

  @Override
  public boolean erase(SessionKey key) {
    if (key.customer().isBsuid()) {
      return byBsuid.remove(key) != null;
    }
    long k = packed(key, false);
    if (k < 0) {
      return false;
    }
    Segment s = segment(k);
    long stamp = s.lock.writeLock();
    try {
      int slot = s.find(k);
      if (slot < 0) {
        return false;
      }
      s.delete(slot);
      return true;
    } finally {
      s.lock.unlockWrite(stamp);
    }
  }

  @Override
  public long evictBefore(Instant cutoff) {
    long c = cutoff.getEpochSecond() - BASE;
    if (c <= 0) {
      return 0;
    }
    long removed = 0;
    Instant cut = Instant.ofEpochSecond(BASE + c);
    for (SessionKey key : byBsuid.keySet()) {
      boolean[] gone = {false};
      byBsuid.computeIfPresent(key, (k, r) -> {
        Instant fep = r.freeEntryPointExpiresAt();
        gone[0] = r.lastInboundAt().isBefore(cut) && (fep == null || fep.isBefore(cut));
        return gone[0] ? null : r;
      });
      if (gone[0]) {
        removed++;
      }
    }
    for (Segment s : segments) {
      long stamp = s.lock.writeLock();
      try {
        int i = 0;
        while (i < s.capacity()) {
          if (s.slots[2 * i] != 0 && Integer.toUnsignedLong(s.last(i)) < c
              && Integer.toUnsignedLong(s.fep[i]) < c) {
            s.delete(i);
            removed++;
            // Backward-shift deletion may have moved another entry into slot i: look at it again.
          } else {
            i++;
          }
        }
      } finally {
        s.lock.unlockWrite(stamp);
      }
    }
    return removed;
  }

  @Override
  public long size() {
    long n = byBsuid.size();
    for (Segment s : segments) {
      long stamp = s.lock.readLock();
      try {
        n += s.size;
      } finally {
        s.lock.unlockRead(stamp);
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
    // Most deployments use one or a few business numbers: a one-entry cache skips the map.
    NumberEntry cached = lastNumber;
    if (cached != null && (cached.id == phoneNumberId || cached.id.equals(phoneNumberId))) {
      return cached.index;
    }
    int found = lookupNumber(phoneNumberId, create);
    if (found >= 0) {
      lastNumber = new NumberEntry(phoneNumberId, found);
    }
    return found;
  }

  private int lookupNumber(String phoneNumberId, boolean create) {
    Integer i = numberIndex.get(phoneNumberId);
    if (i != null || !create) {
      return i == null ? -1 : i;
    }
    synchronized (numbers) {
      Integer existing = numberIndex.get(phoneNumberId);
      if (existing != null) {
        return existing;
      }
      if (numbers.size() >= MAX_NUMBERS) {
        throw new ValidationException("Session store", List.of(
            "more than " + MAX_NUMBERS + " business phone number ids in one store"));
      }
      numbers.add(phoneNumberId);
      numberIndex.put(phoneNumberId, numbers.size() - 1);
      return numbers.size() - 1;
    }
  }

  /**
   * The key of a phone customer as one long: the number's index above the wa_id's 50 bits; -1 for an
   * unknown number. BSUID keys never get here.
   */
  private long packed(SessionKey key, boolean create) {
    int num = numberOf(key.phoneNumberId(), create);
    if (num < 0) {
      return -1;
    }
    return ((long) (num + 1) << WA_BITS) | digits(key.customer().value());
  }

  /** The wa_id's value: a phone {@link CustomerId} is 8-15 ASCII digits. */
  private static long digits(String waId) {
    long v = 0;
    for (int i = 0, n = waId.length(); i < n; i++) {
      v = v * 10 + (waId.charAt(i) - '0');
    }
    return v;
  }

  private Segment segment(long key) {
    return segmentOf(mix(key));
  }

  private Segment segmentOf(long hash) {
    return segments[(int) (hash >>> (64 - SEGMENT_BITS))];
  }

  static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
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

  /**
   * One open-addressing table, guarded by its own monitor. {@code slots[2i]} is the packed key (0 =
   * empty) and {@code slots[2i+1]} holds the last-inbound and referral times, so a lookup touches one
   * cache line; the free-entry-point end and the notice bits are read only off the hot path.
   */
  private static final class Segment {
    final java.util.concurrent.locks.StampedLock lock = new java.util.concurrent.locks.StampedLock();
    long[] slots;
    int[] fep;
    byte[] notified;
    int size;

    Segment(int expected) {
      int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 29, expected * 4L / 3 + 1)) - 1) << 1;
      allocate(cap);
    }

    private void allocate(int cap) {
      slots = new long[cap * 2];
      fep = new int[cap];
      notified = new byte[cap];
    }

    int capacity() {
      return fep.length;
    }

    int last(int slot) {
      return (int) (slots[2 * slot + 1] >>> 32);
    }

    int referral(int slot) {
      return (int) slots[2 * slot + 1];
    }

    void setTimes(int slot, int last, int referral) {
      slots[2 * slot + 1] = ((long) last << 32) | Integer.toUnsignedLong(referral);
    }

    int index(long k) {
      return (int) mix(k) & (capacity() - 1);
    }

    int find(long k) {
      return find(slots, k, mix(k));
    }

    /**
     * Probes {@code slots} for {@code k}, whose {@link #mix} is {@code hash}. Safe on a torn view (an
     * optimistic read racing a writer): it stops after one pass over the table, and the caller validates
     * before trusting the answer.
     */
    static int find(long[] slots, long k, long hash) {
      int cap = slots.length / 2;
      int mask = cap - 1;
      int i = (int) hash & mask;
      for (int n = 0; n < cap; n++, i = (i + 1) & mask) {
        long at = slots[2 * i];
        if (at == k) {
          return i;
        }
        if (at == 0) {
          return -1;
        }
      }
      return -1;
    }

    int findOrInsert(long k) {
      int found = find(k);
      if (found >= 0) {
        return found;
      }
      if ((size + 1) * 4L > capacity() * 3L) {
        grow();
      }
      int mask = capacity() - 1;
      int i = index(k);
      while (slots[2 * i] != 0) {
        i = (i + 1) & mask;
      }
      slots[2 * i] = k;
      size++;
      return i;
    }

    private void grow() {
      long[] os = slots;
      int[] of = fep;
      byte[] ob = notified;
      allocate(of.length * 2);
      int mask = capacity() - 1;
      for (int j = 0; j < of.length; j++) {
        long k = os[2 * j];
        if (k != 0) {
          int i = index(k);
          while (slots[2 * i] != 0) {
            i = (i + 1) & mask;
          }
          slots[2 * i] = k;
          slots[2 * i + 1] = os[2 * j + 1];
          fep[i] = of[j];
          notified[i] = ob[j];
        }
      }
    }

    /** Backward-shift deletion: keeps probe chains intact without tombstones. */
    void delete(int slot) {
      int mask = capacity() - 1;
      int hole = slot;
      int i = slot;
      while (true) {
        i = (i + 1) & mask;
        if (slots[2 * i] == 0) {
          break;
        }
        int home = index(slots[2 * i]);
        // Move entry i into the hole if its home position is not in (hole, i] cyclically.
        boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!between) {
          slots[2 * hole] = slots[2 * i];
          slots[2 * hole + 1] = slots[2 * i + 1];
          fep[hole] = fep[i];
          notified[hole] = notified[i];
          hole = i;
        }
      }
      slots[2 * hole] = 0;
      slots[2 * hole + 1] = 0;
      fep[hole] = 0;
      notified[hole] = 0;
      size--;
    }

    SessionRecord record(int slot, SessionKey key) {
      return new SessionRecord(key, decode(last(slot)), decode(referral(slot)), decode(fep[slot]),
          notified[slot] & 0xFF);
    }
  }
}
