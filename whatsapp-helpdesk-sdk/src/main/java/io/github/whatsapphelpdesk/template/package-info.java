/**
 * Message templates: the value model faithful to the Cloud API's {@code message_templates} JSON
 * ({@link io.github.whatsapphelpdesk.template.MessageTemplate} with its components, buttons and enums,
 * each with an UNKNOWN fallback), read and written by {@code WhatsAppClient.templates()}; the {@link
 * io.github.whatsapphelpdesk.template.TemplateRegistry}, which keeps the WABA's templates current,
 * checks every template message before it is sent and renders what the customer sees; and the {@link
 * io.github.whatsapphelpdesk.template.TemplatePolicy}, which picks and fills a template for a helpdesk
 * {@link io.github.whatsapphelpdesk.template.PolicyEvent}.
 */
package io.github.whatsapphelpdesk.template;
