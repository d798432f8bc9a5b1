package io.github.whatsapphelpdesk.http;

import java.text.ParsePosition;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one parser of the HTTP {@code Retry-After} header, used by the Cloud API client and every
 * helpdesk adapter.
 *
 * <p>RFC 9110 §10.2.3 (https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3) defines {@code
 * Retry-After = HTTP-date / delay-seconds} with {@code delay-seconds = 1*DIGIT}; §5.6.7 requires
 * recipients to accept the preferred IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}) and the two
 * obsolete forms, RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6
 * 08:49:37 1994}). This parser reads:
 * <ul>
 *   <li>delay-seconds: that many seconds; digits beyond any sensible value are capped, not rejected;</li>
 *   <li>an HTTP-date in any of the three forms: the time from the clock's now until it, zero when the
 *       date has passed;</li>
 *   <li>anything else (blank, a sign, a fraction, an unknown date form): no hint ({@link Optional#empty()}).</li>
 * </ul>
 * Every result is capped at the given maximum ({@link #DEFAULT_MAX}, one day, by default), so a
 * misbehaving server cannot make a caller compute with absurd waits. Thread-safe.
 */
public final class RetryAfter {
  /** The default cap of a parsed hint: one day. */
  public static final Duration DEFAULT_MAX = Duration.ofDays(1);

  /** RFC 850: {@code Sunday, 06-Nov-94 08:49:37 GMT} (two-digit year, resolved below). */
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL).appendLiteral(", ")
      .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('-')
      .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral('-')
      .appendValue(ChronoField.YEAR_OF_ERA, 2).appendLiteral(' ')
      .appendPattern("HH:mm:ss").appendLiteral(" GMT").toFormatter(Locale.US);

  /** asctime: {@code Sun Nov  6 08:49:37 1994} (day padded with a space, always UTC). */
  private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendText(ChronoField.DAY_OF_WEEK, TextStyle.SHORT).appendLiteral(' ')
      .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT).appendLiteral(' ')
      .padNext(2).appendValue(ChronoField.DAY_OF_MONTH).appendLiteral(' ')
      .appendPattern("HH:mm:ss").appendLiteral(' ').appendValue(ChronoField.YEAR, 4).toFormatter(Locale.US);

  private RetryAfter() {}

  /**
   * Parses a {@code Retry-After} value, capped at {@link #DEFAULT_MAX}.
   *
   * @param header the header value, or null when absent
   * @param clock the clock an HTTP-date is measured against
   * @return the wait, or empty when the header is absent or unreadable
   */
  public static Optional<Duration> parse(String header, Clock clock) {
    return parse(header, clock, DEFAULT_MAX);
  }

  /**
   * Parses a {@code Retry-After} value.
   *
   * @param header the header value, or null when absent
   * @param clock the clock an HTTP-date is measured against
   * @param max the cap of the result, not negative
   * @return the wait in [0, max], or empty when the header is absent or unreadable
   */
  public static Optional<Duration> parse(String header, Clock clock, Duration max) {
    Objects.requireNonNull(clock, "clock");
    if (Objects.requireNonNull(max, "max").isNegative()) {
      throw new IllegalArgumentException("max must not be negative");
    }
    if (header == null) {
      return Optional.empty();
    }
    String v = header.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (allDigits(v)) {
      // More digits than a long holds is still "a very long time": cap it rather than drop the hint.
      long seconds = v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
      return Optional.of(min(Duration.ofSeconds(Math.min(seconds, max.getSeconds())), max));
    }
    Instant at = httpDate(v, clock);
    if (at == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(clock.instant(), at);
    return Optional.of(d.isNegative() ? Duration.ZERO : min(d, max));
  }

  /**
   * Parses an HTTP-date in any of the three forms of RFC 9110 §5.6.7.
   *
   * @param value the date text
   * @param clock resolves an RFC 850 two-digit year: one more than 50 years ahead means the past century
   * @return the instant, or null when the text is no HTTP-date
   */
  static Instant httpDate(String value, Clock clock) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException notImf) {
      // try the obsolete forms
    }
    // RFC 850 is read unresolved: its two-digit year must not be cross-checked against the weekday yet.
    ParsePosition pos = new ParsePosition(0);
    TemporalAccessor parsed = RFC_850.parseUnresolved(value, pos);
    if (parsed != null && pos.getErrorIndex() < 0 && pos.getIndex() == value.length()) {
      try {
        int yy = (int) (parsed.getLong(ChronoField.YEAR_OF_ERA) % 100);
        int thisYear = clock.instant().atZone(ZoneOffset.UTC).getYear();
        int year = thisYear - Math.floorMod(thisYear, 100) + yy;
        if (year > thisYear + 50) {
          year -= 100;
        }
        LocalDateTime t = LocalDateTime.of(year, (int) parsed.getLong(ChronoField.MONTH_OF_YEAR),
            (int) parsed.getLong(ChronoField.DAY_OF_MONTH), (int) parsed.getLong(ChronoField.HOUR_OF_DAY),
            (int) parsed.getLong(ChronoField.MINUTE_OF_HOUR), (int) parsed.getLong(ChronoField.SECOND_OF_MINUTE));
        return t.getDayOfWeek() == DayOfWeek.of((int) parsed.getLong(ChronoField.DAY_OF_WEEK))
            ? t.toInstant(ZoneOffset.UTC) : null;
      } catch (java.time.DateTimeException invalid) {
        return null;
      }
    }
    try {
      return LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notAsctime) {
      return null;
    }
  }

  private static boolean allDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
