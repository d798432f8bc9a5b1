/**
 * The Freshdesk (API v2) helpdesk adapter: {@link io.github.whatsapphelpdesk.freshdesk.FreshdeskAdapter},
 * its {@link io.github.whatsapphelpdesk.freshdesk.FreshdeskConfig} and the ServiceLoader
 * {@link io.github.whatsapphelpdesk.freshdesk.FreshdeskAdapterProvider}.
 */
package io.github.whatsapphelpdesk.freshdesk;
