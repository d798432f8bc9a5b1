/**
 * WhatsApp Helpdesk SDK: connects the WhatsApp Business Platform (Cloud API) to customer-support
 * helpdesks. Packages: {@code client} (typed Cloud API client), {@code webhook} (verification, parsing,
 * dedupe), {@code session} (24-hour windows), {@code template} (registry and validation),
 * {@code ratelimit} (outbound limiter), {@code spi} (helpdesk adapters), {@code bridge} (two-way sync),
 * {@code error} (exceptions and the error-code table). Packages named {@code internal} are not API.
 */
package io.github.whatsapphelpdesk;
