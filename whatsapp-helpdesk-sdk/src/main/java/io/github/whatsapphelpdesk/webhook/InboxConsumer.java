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
}
