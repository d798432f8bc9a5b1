package io.github.whatsapphelpdesk.error;

import java.util.List;

/**
 * A request failed the SDK's local validation before any call to Meta. The message names every
 * violated rule, not only the first; {@link #violations()} lists them one by one.
 */
public class ValidationException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final List<String> violations;

  public ValidationException(String subject, List<String> violations) {
    super(format(subject, violations));
    this.violations = List.copyOf(violations);
  }

  private static String format(String subject, List<String> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    StringBuilder sb = new StringBuilder(subject).append(" is invalid (")
        .append(violations.size()).append(violations.size() == 1 ? " problem" : " problems").append("):");
    for (String v : violations) {
      sb.append("\n - ").append(v);
    }
    return sb.toString();
  }

  /** Every violated rule, in the order found. */
  public List<String> violations() {
    return violations;
  }
}
