package io.github.whatsapphelpdesk.zendesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-side rate limits of a {@link ZendeskAdapter} and how it reacts to being limited. Part of a
 * {@link ZendeskConfig} ({@link ZendeskConfig#limits()}); set it whole with
 * {@link ZendeskConfig.Builder#limits(ZendeskLimits)} or field by field with the builder's setters.
 * Immutable.
 *
 * @param requestsPerMinute the account's request budget per minute, the plan limit (default
 *     {@value #DEFAULT_REQUESTS_PER_MINUTE}; Team 200, Enterprise 700, High Volume 2,500)
 * @param ticketUpdatesPerMinute the account's ticket-update budget per minute (default
 *     {@value #DEFAULT_TICKET_UPDATES_PER_MINUTE}; 300 with High Volume)
 * @param updatesPerTicketPer10Minutes the update budget of one ticket per 10 minutes (default
 *     {@value #DEFAULT_UPDATES_PER_TICKET_PER_10_MINUTES})
 * @param coalesceBelowFraction below this fraction of a budget left, {@link ZendeskAdapter#shouldCoalesce}
 *     says yes (default 0.2)
 * @param maxRateLimitRetries how often a 429 or a local limit is waited out before
 *     {@code HelpdeskRateLimitedException} (default 0: throw at once and let the bridge reschedule)
 * @param maxRetryWait the longest single wait the adapter performs itself; longer hints are thrown to the
 *     caller (default 10 s)
 */
public record ZendeskLimits(int requestsPerMinute, int ticketUpdatesPerMinute, int updatesPerTicketPer10Minutes,
    double coalesceBelowFraction, int maxRateLimitRetries, Duration maxRetryWait) {
  /** Default account-wide request budget per minute (Growth/Professional plan). */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 400;
  /** Default ticket-update budget per minute per account. */
  public static final int DEFAULT_TICKET_UPDATES_PER_MINUTE = 100;
  /** Default update budget per ticket per 10 minutes. */
  public static final int DEFAULT_UPDATES_PER_TICKET_PER_10_MINUTES = 30;

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException naming every invalid value
   */
  public ZendeskLimits {
    List<String> problems = problems(requestsPerMinute, ticketUpdatesPerMinute, updatesPerTicketPer10Minutes,
        coalesceBelowFraction, maxRateLimitRetries, maxRetryWait);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid ZendeskLimits: " + String.join("; ", problems));
    }
  }

  /** The defaults: 400 requests/min, 100 ticket updates/min, 30 per ticket per 10 min, no internal waits. */
  public static ZendeskLimits defaults() {
    return new ZendeskLimits(DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TICKET_UPDATES_PER_MINUTE,
        DEFAULT_UPDATES_PER_TICKET_PER_10_MINUTES, 0.2, 0, Duration.ofSeconds(10));
  }

  /** What is wrong with these values (empty when they are valid). */
  static List<String> problems(int requestsPerMinute, int ticketUpdatesPerMinute, int updatesPerTicketPer10Minutes,
      double coalesceBelowFraction, int maxRateLimitRetries, Duration maxRetryWait) {
    List<String> problems = new ArrayList<>();
    if (requestsPerMinute < 1 || ticketUpdatesPerMinute < 1 || updatesPerTicketPer10Minutes < 1) {
      problems.add("rate limits must be positive");
    }
    if (!(coalesceBelowFraction >= 0 && coalesceBelowFraction <= 1)) {
      problems.add("coalesceBelowFraction must be within [0, 1]");
    }
    if (maxRateLimitRetries < 0) {
      problems.add("maxRateLimitRetries must be >= 0");
    }
    if (maxRetryWait == null || maxRetryWait.isNegative()) {
      problems.add("maxRetryWait must be a non-negative duration");
    }
    return problems;
  }
}
