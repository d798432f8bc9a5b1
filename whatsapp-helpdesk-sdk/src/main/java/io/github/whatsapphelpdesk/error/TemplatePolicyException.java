package io.github.whatsapphelpdesk.error;

import java.util.List;
import java.util.Objects;

/**
 * A template policy (declared in code or loaded from JSON) is invalid. Raised when the policy is built
 * or loaded, never later; every problem is named, with its location ({@code rules[2].body[0].source}).
 */
public class TemplatePolicyException extends ValidationException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final List<Problem> problems;

  /**
   * One problem of a policy.
   *
   * @param path where, for example {@code rules[1].when.status}, or {@code $} for the whole document
   * @param message what is wrong
   */
  public record Problem(String path, String message) {
    public Problem {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return path + ": " + message;
    }
  }

  /**
   * @param source where the policy came from (a file name, or {@code "code"})
   * @param problems at least one problem
   */
  public TemplatePolicyException(String source, List<Problem> problems) {
    super("Template policy (" + source + ")", problems.stream().map(Problem::toString).toList());
    this.source = Objects.requireNonNull(source, "source");
    this.problems = List.copyOf(problems);
  }

  /** Where the policy came from. */
  public String source() {
    return source;
  }

  /** Every problem, in document order. */
  public List<Problem> problems() {
    return problems;
  }
}
