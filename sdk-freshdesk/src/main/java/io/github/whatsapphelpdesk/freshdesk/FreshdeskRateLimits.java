package io.github.whatsapphelpdesk.freshdesk;

/**
 * Freshdesk's per-minute API limits for an account (they are shared by every API client and app of
 * the account, and invalid requests count). The adapter paces itself below them with client-side
 * buckets and lowers the account bucket to what {@code X-RateLimit-Remaining} reports.
 *
 * @param total calls per minute for the whole account
 * @param ticketCreate ticket creations per minute
 * @param ticketUpdate ticket updates per minute (updates, notes and replies)
 * @param ticketsList ticket and conversation list calls per minute
 * @param contactsList contact list calls per minute
 */
public record FreshdeskRateLimits(int total, int ticketCreate, int ticketUpdate, int ticketsList, int contactsList) {
  public FreshdeskRateLimits {
    if (total <= 0 || ticketCreate <= 0 || ticketUpdate <= 0 || ticketsList <= 0 || contactsList <= 0) {
      throw new IllegalArgumentException("every Freshdesk rate limit must be positive");
    }
  }

  /** Trial accounts: 50 per minute in total. */
  public static FreshdeskRateLimits trial() {
    return new FreshdeskRateLimits(50, 50, 50, 50, 50);
  }

  /** Growth plan: 200 total, 80 create, 80 update, 20 tickets list, 20 contacts list. */
  public static FreshdeskRateLimits growth() {
    return new FreshdeskRateLimits(200, 80, 80, 20, 20);
  }

  /** Pro plan: 400 total, 160 create, 160 update, 100 tickets list, 100 contacts list. */
  public static FreshdeskRateLimits pro() {
    return new FreshdeskRateLimits(400, 160, 160, 100, 100);
  }

  /** Enterprise plan: 700 total, 280 create, 280 update, 200 tickets list, 200 contacts list. */
  public static FreshdeskRateLimits enterprise() {
    return new FreshdeskRateLimits(700, 280, 280, 200, 200);
  }

  /** The preset for a plan name: trial, growth, pro or enterprise (case-insensitive). */
  public static FreshdeskRateLimits forPlan(String plan) {
    switch (plan.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "trial": return trial();
      case "growth": return growth();
      case "pro": return pro();
      case "enterprise": return enterprise();
      default: throw new IllegalArgumentException("unknown Freshdesk plan '" + plan
          + "' (trial, growth, pro, enterprise)");
    }
  }
}
