package io.github.whatsapphelpdesk.testkit.sandbox;

import java.time.Instant;

/**
 * One webhook POST attempt the sandbox made.
 *
 * @param at sandbox-clock time of the attempt
 * @param attempt 1 for the first try, 2+ for retries of the same body
 * @param duplicate true when this POST is an injected duplicate of another one
 * @param body the exact body bytes sent, as text (ASCII, non-ASCII escaped as {@code \\uXXXX})
 * @param signature the {@code X-Hub-Signature-256} header value ({@code sha256=<hex>})
 * @param responseStatus the receiver's HTTP status, or -1 when the connection failed
 * @param dropped true when this was the last attempt of the retry schedule and it failed
 */
public record WebhookDelivery(Instant at, int attempt, boolean duplicate, String body, String signature,
    int responseStatus, boolean dropped) {

  /** Whether the receiver acknowledged with 200 (Meta treats every other status as a failure). */
  public boolean acknowledged() {
    return responseStatus == 200;
  }
}
