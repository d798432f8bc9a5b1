package io.github.whatsapphelpdesk.template;

/** What the bridge does with an agent's reply when the customer's 24-hour window has closed. */
public enum ClosedWindowPolicy {
  /**
   * Send the template the {@code TemplatePolicy} chooses for {@code REPLY_WINDOW_CLOSED}, validated by
   * the registry; without a usable template, hold the reply and tell the agent.
   */
  TEMPLATE_FALLBACK,
  /** Never send: hold the reply and tell the agent in an internal note. */
  HOLD
}
