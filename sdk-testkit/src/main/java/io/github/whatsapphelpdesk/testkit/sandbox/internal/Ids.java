package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Deterministic id generator (seeded): wamids, numeric object ids, fbtrace ids, tokens. Thread-safe. */
public final class Ids {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private final Random random;
  private final long seed;

  public Ids(long seed) {
    this.random = new Random(seed);
    this.seed = seed;
  }

  /** A wamid in Meta's shape: {@code wamid.} + base64 of an opaque blob mentioning the wa_id. */
  public synchronized String wamid(String waId) {
    StringBuilder sb = new StringBuilder("\u0015\u0002\u0000\u0012\u0018\u0014");
    for (int i = 0; i < 20; i++) {
      sb.append("0123456789ABCDEF".charAt(random.nextInt(16)));
    }
    String raw = "\u0018\u000b" + waId + sb;
    return "wamid." + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * A BSUID in Meta's shape ({@code CC.<digits>}, e.g. {@code US.13491208655302741918}), deterministic for
   * (seed, key): the same sandbox seed gives a customer the same BSUID in every run, independent of the
   * order ids are drawn in.
   */
  public String bsuid(String countryCode, String key) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 29;
    return countryCode + "." + Long.toUnsignedString(h) + String.format("%02d", Math.floorMod(h, 97));
  }

  /** A 15/16-digit numeric Graph object id. */
  public synchronized String numericId() {
    long n = 100_000_000_000_000L + (long) (random.nextDouble() * 8_999_999_999_999_999L);
    return Long.toString(n);
  }

  /** A 23-character fbtrace id. */
  public synchronized String fbtraceId() {
    return alnum(23);
  }

  /** An alphanumeric string of {@code length} characters. */
  public synchronized String alnum(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  /** The next double in [0,1) of the shared seeded stream (for injected faults). */
  public synchronized double nextDouble() {
    return random.nextDouble();
  }
}
