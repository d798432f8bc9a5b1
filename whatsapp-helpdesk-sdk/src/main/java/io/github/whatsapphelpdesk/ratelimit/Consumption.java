package io.github.whatsapphelpdesk.ratelimit;

/**
 * The answer of {@link BucketStore#tryConsume}: the tokens were taken, or how long until they can be.
 *
 * @param consumed true when the tokens were taken
 * @param nanosToWait 0 when consumed; otherwise the nanoseconds until the tokens will be available, at
 *     least 1 (an estimate: another consumer may take them first)
 */
public record Consumption(boolean consumed, long nanosToWait) {

  /** The shared answer of a granted consumption (no allocation on the hot path). */
  public static final Consumption CONSUMED = new Consumption(true, 0);

  public Consumption {
    if (consumed ? nanosToWait != 0 : nanosToWait < 1) {
      throw new IllegalArgumentException("consumed needs nanosToWait 0, a refusal at least 1; got " + nanosToWait);
    }
  }

  /** A refusal: nothing was taken, and {@code nanosToWait} (raised to at least 1) until the tokens exist. */
  public static Consumption refused(long nanosToWait) {
    return new Consumption(false, Math.max(1, nanosToWait));
  }
}
