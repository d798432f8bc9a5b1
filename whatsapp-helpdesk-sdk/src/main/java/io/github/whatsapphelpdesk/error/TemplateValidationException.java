package io.github.whatsapphelpdesk.error;

import java.util.List;
import java.util.Objects;

/**
 * A template message failed the SDK's local check against the synced template definition, before any
 * call to Meta. Every problem is reported together in {@link #problems()}, each with the code Meta
 * would have answered; {@link #code()} is the code of the first (most fundamental) problem, so code
 * that branches on 132001, 132000 or 132012 treats the local and the remote failure alike.
 *
 * <p>{@link #httpStatus()} is 0: no HTTP call was made. When the check ran again after Meta rejected
 * the message and the registry re-synced, Meta's exception is the {@linkplain #getCause() cause}.
 */
public class TemplateValidationException extends TemplateException {
  private static final long serialVersionUID = 1L;
  private final String templateName;
  private final String language;
  private final List<TemplateProblem> problems;

  public TemplateValidationException(String templateName, String language, List<TemplateProblem> problems) {
    super(ApiError.of(first(problems).code(), summary(templateName, language, problems), details(problems)));
    this.templateName = Objects.requireNonNull(templateName, "templateName");
    this.language = Objects.requireNonNull(language, "language");
    this.problems = List.copyOf(problems);
  }

  private static TemplateProblem first(List<TemplateProblem> problems) {
    if (problems == null || problems.isEmpty()) {
      throw new IllegalArgumentException("a TemplateValidationException needs at least one problem");
    }
    return problems.get(0);
  }

  private static String summary(String name, String language, List<TemplateProblem> problems) {
    return "Template '" + name + "' (" + language + ") failed the local check (" + problems.size()
        + (problems.size() == 1 ? " problem)" : " problems)");
  }

  private static String details(List<TemplateProblem> problems) {
    StringBuilder sb = new StringBuilder();
    for (TemplateProblem p : problems) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(p);
    }
    return sb.toString();
  }

  /** The template name the message asked for. */
  public String templateName() {
    return templateName;
  }

  /** The language code the message asked for. */
  public String language() {
    return language;
  }

  /** Every problem found, most fundamental first (existence and status, then parameters). */
  public List<TemplateProblem> problems() {
    return problems;
  }

  /** True when some problem is of this kind. */
  public boolean has(TemplateProblem.Kind kind) {
    return problems.stream().anyMatch(p -> p.kind() == kind);
  }
}
