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
 */
public record PolicyDecision(String ruleId, TemplateMessage message, boolean truncated) {
  public PolicyDecision {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(message, "message");
  }
}
