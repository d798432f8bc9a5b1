/**
 * The bridge between WhatsApp and a helpdesk: {@link io.github.whatsapphelpdesk.bridge.HelpdeskBridge}
 * turns inbound WhatsApp conversations into tickets and agents' replies into WhatsApp messages, within
 * the platform's rules, through a durable outbox.
 */
package io.github.whatsapphelpdesk.bridge;
