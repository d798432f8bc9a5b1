package io.github.whatsapphelpdesk.freshdesk;

import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Creates a {@link FreshdeskAdapter} from string settings (ServiceLoader id {@code freshdesk}). Keys
 * are case-insensitive, and {@code -} or {@code .} count as {@code _}, so environment variables with
 * the prefix removed work ({@code API_KEY}):
 *
 * <ul>
 *   <li>{@code domain} or {@code base_url} (one required), {@code api_key} (required);
 *   <li>{@code webhook_tokens} (comma-separated) and/or {@code webhook_username} + {@code webhook_password}
 *       (at least one required), {@code webhook_token_header}, {@code webhook_token_query_param};
 *   <li>{@code integration_agent_id}, {@code source} (name like {@code CHAT} or code like {@code 7}),
 *       {@code priority} (name or 1-4), {@code tags} (comma-separated), {@code conversation_key_field},
 *       {@code delivery_status_field} ({@code cf_...});
 *   <li>{@code terminal_policy} ({@link TerminalPolicy} name), {@code pending_statuses} (comma-separated codes);
 *   <li>{@code plan} (trial, growth, pro, enterprise) or {@code rate_limits}
 *       ({@code total,create,update,tickets_list,contacts_list}), {@code max_rate_limit_retries},
 *       {@code max_rate_limit_wait_ms};
 *   <li>{@code connect_timeout_ms}, {@code read_timeout_ms}, {@code call_timeout_ms}.
 * </ul>
 */
public final class FreshdeskAdapterProvider implements HelpdeskAdapterProvider {

  @Override
  public String id() {
    return FreshdeskAdapter.ID;
  }

  @Override
  public HelpdeskAdapter create(Map<String, String> config) {
    return FreshdeskAdapter.create(toConfig(config));
  }

  /** Parses settings into a config. @throws IllegalArgumentException naming every bad setting */
  public static FreshdeskConfig toConfig(Map<String, String> raw) {
    Map<String, String> c = new HashMap<>();
    raw.forEach((k, v) -> {
      if (k != null && v != null && !v.isBlank()) {
        c.put(k.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_'), v.strip());
      }
    });
    FreshdeskConfig.Builder b = FreshdeskConfig.builder();
    List<String> problems = new ArrayList<>();
    set(c, "domain", problems, b::domain);
    set(c, "base_url", problems, b::baseUrl);
    set(c, "api_key", problems, b::apiKey);
    set(c, "integration_agent_id", problems, v -> b.integrationAgentId(Long.parseLong(v)));
    set(c, "source", problems, v -> b.source(v.matches("\\d+") ? FreshdeskSource.fromCode(Integer.parseInt(v))
        : FreshdeskSource.valueOf(v.toUpperCase(Locale.ROOT))));
    set(c, "priority", problems, v -> b.priority(v.matches("\\d+")
        ? FreshdeskPriority.fromCode(Integer.parseInt(v)) : FreshdeskPriority.valueOf(v.toUpperCase(Locale.ROOT))));
    set(c, "tags", problems, v -> b.tags(list(v)));
    set(c, "conversation_key_field", problems, b::conversationKeyField);
    set(c, "delivery_status_field", problems, b::deliveryStatusField);
    set(c, "terminal_policy", problems, v -> b.terminalPolicy(TerminalPolicy.valueOf(v.toUpperCase(Locale.ROOT))));
    set(c, "pending_statuses", problems, v -> {
      Set<Integer> codes = new LinkedHashSet<>();
      list(v).forEach(s -> codes.add(Integer.parseInt(s)));
      b.pendingStatusCodes(codes);
    });
    set(c, "plan", problems, v -> b.rateLimits(FreshdeskRateLimits.forPlan(v)));
    set(c, "rate_limits", problems, v -> {
      int[] n = list(v).stream().mapToInt(Integer::parseInt).toArray();
      if (n.length != 5) {
        throw new IllegalArgumentException("expected total,create,update,tickets_list,contacts_list");
      }
      b.rateLimits(new FreshdeskRateLimits(n[0], n[1], n[2], n[3], n[4]));
    });
    set(c, "max_rate_limit_retries", problems, v -> b.maxRateLimitRetries(Integer.parseInt(v)));
    set(c, "max_rate_limit_wait_ms", problems, v -> b.maxRateLimitWait(Duration.ofMillis(Long.parseLong(v))));
    set(c, "connect_timeout_ms", problems, v -> b.connectTimeout(Duration.ofMillis(Long.parseLong(v))));
    set(c, "read_timeout_ms", problems, v -> b.readTimeout(Duration.ofMillis(Long.parseLong(v))));
    set(c, "call_timeout_ms", problems, v -> b.callTimeout(Duration.ofMillis(Long.parseLong(v))));
    set(c, "webhook_tokens", problems, v -> list(v).forEach(b::addWebhookToken));
    set(c, "webhook_token_header", problems, b::webhookTokenHeader);
    set(c, "webhook_token_query_param", problems, b::webhookTokenQueryParam);
    if (c.containsKey("webhook_username") != c.containsKey("webhook_password")) {
      problems.add("webhook_username and webhook_password go together");
    } else if (c.containsKey("webhook_username")) {
      b.webhookBasicAuth(c.get("webhook_username"), c.get("webhook_password"));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid Freshdesk settings: " + String.join("; ", problems));
    }
    return b.build();
  }

  private static void set(Map<String, String> c, String key, List<String> problems, Consumer<String> apply) {
    String v = c.get(key);
    if (v == null) {
      return;
    }
    try {
      apply.accept(v);
    } catch (RuntimeException e) {
      // Never echo values: some are secrets.
      problems.add(key + " is invalid (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static List<String> list(String v) {
    return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
