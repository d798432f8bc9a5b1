/**
 * The Zendesk Support adapter: {@link io.github.whatsapphelpdesk.zendesk.ZendeskAdapter}, its
 * {@link io.github.whatsapphelpdesk.zendesk.ZendeskConfig} and the ServiceLoader
 * {@link io.github.whatsapphelpdesk.zendesk.ZendeskAdapterProvider}.
 */
package io.github.whatsapphelpdesk.zendesk;
