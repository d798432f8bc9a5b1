/**
 * Custom CRMs: the generic agent-reply webhook ({@link io.github.whatsapphelpdesk.crm.AgentReplyJson},
 * {@link io.github.whatsapphelpdesk.crm.JwtAgentReplyVerifier}, {@link io.github.whatsapphelpdesk.crm.AgentReplyTokenSigner})
 * and {@link io.github.whatsapphelpdesk.crm.InMemoryHelpdesk}, the reference adapter and embedded default.
 */
package io.github.whatsapphelpdesk.crm;
