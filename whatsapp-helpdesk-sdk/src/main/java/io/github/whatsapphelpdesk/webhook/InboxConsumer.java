package io.github.whatsapphelpdesk.webhook;

/**
 * A {@link WebhookListener} that works from a durable {@link Inbox} (the {@code HelpdeskBridge} is one).
 * A {@link WebhookHandler} given such a listener records every delivery in the listener's inbox before it
 * answers 200, unless {@link WebhookHandler.Builder#inbox} names one explicitly, so the durable hand-off
 * cannot be forgotten in the wiring.
 */
public interface InboxConsumer extends WebhookListener {

  /** The inbox this listener works from. */
  Inbox inbox();

  /**
   * The handler recorded new entries in {@link #inbox()}: work them. A handler that recorded a delivery in
   * this listener's inbox calls this (on its executor) instead of {@link #onEvent} for the new events; the
   * other listeners still get {@code onEvent}.
   */
  void onRecorded();
}
