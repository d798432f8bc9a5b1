package io.github.whatsapphelpdesk.testkit.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request the sandbox received, with its answer. The {@code Authorization} header value
 * and any {@code access_token} query parameter are replaced by {@code ***}.
 *
 * @param at sandbox-clock time of receipt
 * @param method HTTP method
 * @param path request path, e.g. {@code /v23.0/106540352242922/messages}
 * @param query raw query string with tokens masked, or empty
 * @param headers request headers (lower-case names)
 * @param body raw request body
 * @param responseStatus HTTP status answered
 * @param responseBody body answered (text)
 */
public record SandboxRequest(Instant at, String method, String path, String query,
    Map<String, List<String>> headers, byte[] body, int responseStatus, String responseBody) {

  /** Copies the collections. */
  public SandboxRequest {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The raw body (a copy). */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
