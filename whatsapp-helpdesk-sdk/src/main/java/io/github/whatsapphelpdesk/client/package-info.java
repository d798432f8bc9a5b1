/**
 * The typed WhatsApp Cloud API client: {@link io.github.whatsapphelpdesk.client.WhatsAppClient} with
 * its sub-APIs for messages, media, templates and account health, the message records and their
 * builders, {@link io.github.whatsapphelpdesk.client.RetryPolicy} and per-call
 * {@link io.github.whatsapphelpdesk.client.RequestOptions}. Every type here is immutable and
 * thread-safe unless documented otherwise; values are non-null unless documented as nullable.
 */
package io.github.whatsapphelpdesk.client;
