package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.error.WebhookParseException;

/**
 * Receives the events of verified webhook deliveries. The {@link WebhookHandler} calls it on the
 * executor given to its builder, after the HTTP answer has been decided, one delivery at a time per
 * task and in payload order within a delivery.
 *
 * <p>Meta's redelivery stops once the handler answered 200, so persist what you need first (for example
 * in an outbox) and do slow work (helpdesk calls) from there. An exception thrown here is logged and the
 * next event is still delivered; it does not make Meta redeliver.
 *
 * <p>Implementations must be thread-safe when the executor runs tasks in parallel.
 */
@FunctionalInterface
public interface WebhookListener {

  /** A new (not duplicate) event. Statuses arrive here only when they move their message forward. */
  void onEvent(WebhookEvent event);

  /**
   * A status that arrived after a later one for the same message (for example {@code sent} after {@code
   * delivered}). Never apply it as a regression. Default: ignored.
   *
   * @param stale the late status
   * @param current the message's status as already recorded
   */
  default void onStaleStatus(StatusUpdate stale, DeliveryStatus current) {}

  /** An event the idempotency store had already seen (a redelivery). Default: ignored. */
  default void onDuplicate(WebhookEvent event) {}

  /** One item of a batch could not be parsed; the rest of the batch was delivered. Default: ignored. */
  default void onProblem(ParseProblem problem) {}

  /**
   * A signed body could not be parsed at all (the handler answered 200 so Meta does not retry a poison
   * payload for 7 days; see {@link WebhookHandler}). Store {@code body} for inspection. Default: ignored
   * (the handler logs the reason).
   *
   * @param error why
   * @param body the raw body, exactly as received
   */
  default void onUnparseable(WebhookParseException error, byte[] body) {}
}
