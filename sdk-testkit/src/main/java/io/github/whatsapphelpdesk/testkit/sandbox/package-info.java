/**
 * {@link io.github.whatsapphelpdesk.testkit.sandbox.CloudApiSandbox}: an in-process HTTP server behaving
 * like the WhatsApp Cloud API (validation, Meta's error bodies, media, templates, signed webhooks from
 * simulated customers, status webhooks, retries and fault injection) on a controllable clock.
 */
package io.github.whatsapphelpdesk.testkit.sandbox;
