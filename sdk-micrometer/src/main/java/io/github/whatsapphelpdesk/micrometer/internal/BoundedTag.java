package io.github.whatsapphelpdesk.micrometer.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps raw values to tag values from a bounded set: values of a fixed set pass through; other values
 * that look like a name ({@code [a-z][a-z0-9_.-]*}, at most 40 characters) are admitted until
 * {@code maxAdmitted} distinct ones were seen; everything else becomes {@link #OTHER}. So a tag has at
 * most {@code fixed.size() + maxAdmitted + 1} values whatever the input. Thread-safe.
 */
public final class BoundedTag {
  /** The tag value of everything not admitted. */
  public static final String OTHER = "other";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");

  private final Set<String> fixed;
  private final int maxAdmitted;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  /**
   * @param fixed values always passed through (already normalised)
   * @param maxAdmitted how many further distinct name-like values to admit (0: a closed set)
   */
  public BoundedTag(Set<String> fixed, int maxAdmitted) {
    this.fixed = Set.copyOf(fixed);
    if (maxAdmitted < 0) {
      throw new IllegalArgumentException("maxAdmitted must not be negative: " + maxAdmitted);
    }
    this.maxAdmitted = maxAdmitted;
  }

  /** The tag value for {@code raw}. */
  public String of(String raw) {
    if (raw == null) {
      return OTHER;
    }
    if (fixed.contains(raw)) {
      return raw;
    }
    if (maxAdmitted == 0 || !NAME.matcher(raw).matches()) {
      return OTHER;
    }
    if (admitted.contains(raw)) {
      return raw;
    }
    synchronized (admitted) {
      if (admitted.contains(raw)) {
        return raw;
      }
      if (admitted.size() >= maxAdmitted) {
        return OTHER;
      }
      admitted.add(raw);
      return raw;
    }
  }
}
