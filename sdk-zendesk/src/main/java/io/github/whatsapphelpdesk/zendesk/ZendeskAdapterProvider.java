package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates a {@link ZendeskAdapter} from string settings; registered for {@link java.util.ServiceLoader}.
 *
 * <p>Keys (for example environment variables {@code ZENDESK_*} with the prefix removed, lower-cased):
 * <ul>
 *   <li>{@code subdomain} or {@code base_url} (one required)
 *   <li>{@code auth}: {@code oauth_client_credentials} (default when {@code client_id} is set),
 *       {@code oauth_refresh_token} or {@code api_token}
 *   <li>{@code client_id}, {@code client_secret}, {@code scope}, {@code refresh_token} (OAuth);
 *       {@code email}, {@code api_token} (legacy)
 *   <li>{@code webhook_secrets}: comma-separated signing secrets; {@code webhook_tolerance_seconds}
 *   <li>{@code channel_tag}, {@code extra_tags} (comma-separated), {@code wa_id_field_id},
 *       {@code integration_user_id}
 *   <li>{@code requests_per_minute}, {@code ticket_updates_per_minute},
 *       {@code updates_per_ticket_per_10_minutes}, {@code max_rate_limit_retries},
 *       {@code max_retry_wait_seconds}, {@code max_attachment_bytes}, {@code max_download_bytes}
 * </ul>
 */
public final class ZendeskAdapterProvider implements HelpdeskAdapterProvider {

  /** Needed by {@link java.util.ServiceLoader}. */
  public ZendeskAdapterProvider() {}

  @Override
  public String id() {
    return "zendesk";
  }

  @Override
  public HelpdeskAdapter create(Map<String, String> config) {
    return ZendeskAdapter.create(toConfig(config));
  }

  /**
   * Parses the settings into a config.
   *
   * @throws IllegalArgumentException naming every missing or invalid setting
   */
  public static ZendeskConfig toConfig(Map<String, String> c) {
    List<String> problems = new ArrayList<>();
    ZendeskConfig.Builder b = ZendeskConfig.builder();
    try {
      if (has(c, "base_url")) {
        b.baseUrl(c.get("base_url"));
      } else if (has(c, "subdomain")) {
        b.subdomain(c.get("subdomain"));
      } else {
        problems.add("subdomain or base_url is required");
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    String auth = has(c, "auth") ? c.get("auth") : has(c, "client_id") ? "oauth_client_credentials"
        : has(c, "api_token") ? "api_token" : null;
    try {
      if (auth == null) {
        problems.add("auth settings are required (client_id/client_secret, or email/api_token)");
      } else {
        switch (auth) {
          case "oauth_client_credentials" -> b.auth(ZendeskAuth.clientCredentials(
              need(c, "client_id", problems), need(c, "client_secret", problems), c.get("scope")));
          case "oauth_refresh_token" -> b.auth(ZendeskAuth.refreshToken(need(c, "client_id", problems),
              need(c, "client_secret", problems), need(c, "refresh_token", problems)));
          case "api_token" -> b.auth(ZendeskAuth.apiToken(need(c, "email", problems), need(c, "api_token", problems)));
          default -> problems.add("auth must be oauth_client_credentials, oauth_refresh_token or api_token");
        }
      }
    } catch (NullPointerException e) {
      // the missing values were already named
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().contains("scope")) {
        problems.add(e.getMessage()); // a malformed scope: say so, not just "auth is required"
      }
    }
    if (has(c, "account_budget_reserve")) {
      try {
        b.accountBudgetReserve(Double.parseDouble(c.get("account_budget_reserve").trim()));
      } catch (NumberFormatException e) {
        problems.add("account_budget_reserve must be a number");
      }
    }
    if (has(c, "webhook_secrets")) {
      for (String s : c.get("webhook_secrets").split(",")) {
        if (!s.isBlank()) {
          b.addWebhookSecret(s.trim());
        }
      }
    }
    if (has(c, "channel_tag")) {
      b.channelTag(c.get("channel_tag").trim());
    }
    if (has(c, "extra_tags")) {
      for (String t : c.get("extra_tags").split(",")) {
        if (!t.isBlank()) {
          b.addExtraTag(t.trim());
        }
      }
    }
    Long v;
    if ((v = num(c, "wa_id_field_id", problems)) != null) {
      b.waIdFieldId(v);
    }
    if ((v = num(c, "integration_user_id", problems)) != null) {
      b.integrationUserId(v);
    }
    if ((v = num(c, "requests_per_minute", problems)) != null) {
      b.requestsPerMinute(v.intValue());
    }
    if ((v = num(c, "ticket_updates_per_minute", problems)) != null) {
      b.ticketUpdatesPerMinute(v.intValue());
    }
    if ((v = num(c, "updates_per_ticket_per_10_minutes", problems)) != null) {
      b.updatesPerTicketPer10Minutes(v.intValue());
    }
    if ((v = num(c, "max_rate_limit_retries", problems)) != null) {
      b.maxRateLimitRetries(v.intValue());
    }
    if ((v = num(c, "max_retry_wait_seconds", problems)) != null) {
      b.maxRetryWait(Duration.ofSeconds(v));
    }
    if ((v = num(c, "webhook_tolerance_seconds", problems)) != null) {
      b.webhookTolerance(Duration.ofSeconds(v));
    }
    if ((v = num(c, "agent_reply_lookback_seconds", problems)) != null) {
      b.agentReplyLookback(Duration.ofSeconds(v));
    }
    if ((v = num(c, "max_attachment_bytes", problems)) != null) {
      b.maxAttachmentBytes(v);
    }
    if ((v = num(c, "max_download_bytes", problems)) != null) {
      b.maxDownloadBytes(v);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid Zendesk settings: " + String.join("; ", problems));
    }
    return b.build();
  }

  private static boolean has(Map<String, String> c, String k) {
    return c.get(k) != null && !c.get(k).isBlank();
  }

  private static String need(Map<String, String> c, String k, List<String> problems) {
    if (!has(c, k)) {
      problems.add(k + " is required");
      return null;
    }
    return c.get(k);
  }

  private static Long num(Map<String, String> c, String k, List<String> problems) {
    if (!has(c, k)) {
      return null;
    }
    try {
      return Long.parseLong(c.get(k).trim());
    } catch (NumberFormatException e) {
      problems.add(k + " must be a whole number");
      return null;
    }
  }
}
