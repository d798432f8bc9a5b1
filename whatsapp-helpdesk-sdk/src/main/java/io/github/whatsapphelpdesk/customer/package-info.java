/**
 * Customer identity: a WhatsApp customer is known by a business-scoped user id (BSUID), a phone number,
 * or both. {@link io.github.whatsapphelpdesk.customer.CustomerId} is the stable key every store, the
 * limiter and the helpdesk contact use; {@link io.github.whatsapphelpdesk.customer.Customer} carries the
 * identifiers and attributes a webhook revealed; the {@link io.github.whatsapphelpdesk.customer.CustomerDirectory}
 * merges what several webhooks revealed onto one customer and follows BSUID changes.
 */
package io.github.whatsapphelpdesk.customer;
