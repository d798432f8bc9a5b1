/**
 * The bridge's state behind SPIs whose operations are each atomic, so a SQL or Redis backend can
 * implement them and several instances can share them: {@link io.github.whatsapphelpdesk.store.ConversationStore}
 * (conversations, tickets, message links, agent-reply claims) and {@link io.github.whatsapphelpdesk.store.Outbox}
 * (the durable queue of outbound messages), with in-memory defaults.
 */
package io.github.whatsapphelpdesk.store;
