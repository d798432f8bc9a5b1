/**
 * Intake of Meta's WhatsApp webhooks: signature verification ({@link
 * io.github.whatsapphelpdesk.webhook.WebhookSignatureVerifier}), the subscription handshake, a typed
 * event model ({@link io.github.whatsapphelpdesk.webhook.WebhookEvent} and its records), a streaming
 * parser ({@link io.github.whatsapphelpdesk.webhook.WebhookParser}), deduplication ({@link
 * io.github.whatsapphelpdesk.webhook.IdempotencyStore}), forward-only status ordering ({@link
 * io.github.whatsapphelpdesk.webhook.StatusTracker}) and the framework-neutral {@link
 * io.github.whatsapphelpdesk.webhook.WebhookHandler} that ties them together.
 *
 * <p>Every type here is immutable and thread-safe unless its javadoc says otherwise. Components
 * documented as "or null" are absent from the payload when null; lists are never null.
 */
package io.github.whatsapphelpdesk.webhook;
