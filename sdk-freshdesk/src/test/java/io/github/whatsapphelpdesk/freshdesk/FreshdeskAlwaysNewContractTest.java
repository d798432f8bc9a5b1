package io.github.whatsapphelpdesk.freshdesk;

import io.github.whatsapphelpdesk.http.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract's other branches: {@link TerminalPolicy#ALWAYS_NEW} (no {@code REOPEN_TICKETS}: a
 * resolved ticket is continued by a new one) and the webhook secret as basic auth ("Requires
 * authentication" in the automation rule), so the contract's default {@code withoutCredentials} (drop
 * {@code Authorization}) applies.
 */
class FreshdeskAlwaysNewContractTest extends FreshdeskContractTest {
  private static final String USER = "freshdesk-automation";
  private static final String PASSWORD = "basic-pass-0123456789abcdef";

  @Override
  protected FreshdeskConfig.Builder configure(FreshdeskConfig.Builder builder) {
    return builder.terminalPolicy(TerminalPolicy.ALWAYS_NEW).webhookBasicAuth(USER, PASSWORD);
  }

  @Override
  protected WebhookRequest authenticate(WebhookRequest.Builder webhook) {
    return webhook.header("Authorization", basic(USER, PASSWORD)).build();
  }

  /** The right user with a wrong password. */
  @Override
  protected WebhookRequest tamper(WebhookRequest request) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
    headers.put("Authorization", List.of(basic(USER, PASSWORD.substring(1) + "x")));
    return rebuild(request, request.query(), headers);
  }

  /** The contract's default: the request without its {@code Authorization} header. */
  @Override
  protected WebhookRequest withoutCredentials(WebhookRequest request) {
    return copy(request, request.body(), "Authorization");
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
