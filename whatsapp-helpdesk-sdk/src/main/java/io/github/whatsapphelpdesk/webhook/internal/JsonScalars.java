package io.github.whatsapphelpdesk.webhook.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Lenient scalar reads: a value of an unexpected JSON type is skipped and read as null instead of
 * failing the whole item, so an odd field never loses the rest of the message. Syntax errors still
 * throw (they make the whole document unreadable).
 */
final class JsonScalars {
  private static final long MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();
  private static final long MIN_EPOCH_SECOND = Instant.MIN.getEpochSecond();

  private JsonScalars() {}

  /** A string, number or boolean as text; null for null, objects and arrays (skipped). */
  static String string(ByteJsonReader r) {
    switch (r.peek()) {
      case STRING:
      case NUMBER:
        return r.nextString();
      case BOOLEAN:
        return r.nextBoolean() ? "true" : "false";
      case NULL:
        return r.nextNull();
      default:
        r.skipValue();
        return null;
    }
  }

  /** A boolean (also from "true"/"false" strings); false otherwise. */
  static boolean bool(ByteJsonReader r) {
    if (r.peek() == ByteJsonReader.Token.BOOLEAN) {
      return r.nextBoolean();
    }
    return "true".equalsIgnoreCase(string(r));
  }

  /** A Boolean, or null when absent or not a boolean. */
  static Boolean boolOrNull(ByteJsonReader r) {
    if (r.peek() == ByteJsonReader.Token.BOOLEAN) {
      return r.nextBoolean();
    }
    String s = string(r);
    return "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
  }

  /** An integral number (or numeric string), or null. */
  static Long lng(ByteJsonReader r) {
    long fast = r.nextLongFast();
    return fast != ByteJsonReader.NOT_FAST ? Long.valueOf(fast) : parseLong(string(r));
  }

  static Long parseLong(String s) {
    if (s == null || s.isEmpty() || s.length() > 20) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        BigDecimal d = new BigDecimal(s);
        return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
      } catch (ArithmeticException | NumberFormatException e2) {
        return null;
      }
    }
  }

  /** An int, or {@code dflt}. */
  static int integer(ByteJsonReader r, int dflt) {
    Long l = lng(r);
    return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? dflt : l.intValue();
  }

  /** A decimal, or null. */
  static BigDecimal decimal(ByteJsonReader r) {
    String s = string(r);
    if (s == null || s.isEmpty() || s.length() > 64) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A double, or NaN. */
  static double dbl(ByteJsonReader r) {
    String s = string(r);
    if (s == null || s.isEmpty() || s.length() > 64) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Unix seconds (string or number) as an Instant, or null when absent, not a number or out of range. */
  static Instant epochSeconds(ByteJsonReader r) {
    long fast = r.nextLongFast(); // plain digits, the usual case: no String, no Long
    if (fast != ByteJsonReader.NOT_FAST) {
      return fast > MAX_EPOCH_SECOND || fast < MIN_EPOCH_SECOND ? null : Instant.ofEpochSecond(fast);
    }
    return toInstant(lng(r));
  }

  static Instant toInstant(Long seconds) {
    if (seconds == null || seconds > MAX_EPOCH_SECOND || seconds < MIN_EPOCH_SECOND) {
      return null;
    }
    return Instant.ofEpochSecond(seconds);
  }
}
