package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.client.TemplateMessage;
import java.util.Objects;

/**
 * The template a {@link TemplatePolicy} chose for an event, with its parameters filled. Check it with
 * {@link TemplateRegistry#validate} (or send it with {@link TemplateRegistry#send}) like any other.
 *
 * @param ruleId the id of the rule that matched
 * @param message the template message
 * @param truncated true when a value (usually the agent's text) was cut to fit a limit; tell the agent
 * @param agentTextIncluded true when the message carries the agent's text; false when the rule has no
 *     agent-text parameter, the text was empty (a fallback was used), or the held template has no variable
 *     for it. When false after an agent's reply, the customer only sees the template: tell the agent
 */
public record PolicyDecision(String ruleId, TemplateMessage message, boolean truncated, boolean agentTextIncluded) {
  public PolicyDecision {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(message, "message");
  }

  /** A decision that does not carry the agent's text. */
  public PolicyDecision(String ruleId, TemplateMessage message, boolean truncated) {
    this(ruleId, message, truncated, false);
  }
}
