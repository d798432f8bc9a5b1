package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;

/**
 * A generic agent-reply webhook body is not valid JSON or does not match the documented shape. The
 * message names every problem (field paths, never field values).
 */
public class AgentReplyFormatException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public AgentReplyFormatException(List<String> violations) {
    super("Agent-reply webhook body", violations);
  }
}
