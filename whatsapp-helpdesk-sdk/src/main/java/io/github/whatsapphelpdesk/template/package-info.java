/**
 * The message-template value model, faithful to the Cloud API's {@code message_templates} JSON:
 * {@link io.github.whatsapphelpdesk.template.MessageTemplate} with its components, buttons and enums
 * (each with an UNKNOWN fallback). Read and written by {@code WhatsAppClient.templates()}.
 */
package io.github.whatsapphelpdesk.template;
