package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.error.TemplateProblem;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TemplateRegistry#onSendRejected} concluded after Meta rejected a template message.
 *
 * @param outcome what to do next
 * @param problems the local check's problems after the re-sync (non-empty only for {@link
 *     Outcome#INVALID})
 */
public record RejectionVerdict(Outcome outcome, List<TemplateProblem> problems) {

  /** What the caller should do. */
  public enum Outcome {
    /** The re-synced definition differs and the message passes the check against it: send it once more. */
    RETRY,
    /** The message fails the check against the re-synced definition: fix it (see problems), do not resend. */
    INVALID,
    /** The re-sync changed nothing the message depends on: resending would fail again; give up. */
    GIVE_UP,
    /** The error is not one the registry re-syncs for (see {@code resyncOn}); nothing was done. */
    NOT_HANDLED
  }

  public RejectionVerdict {
    Objects.requireNonNull(outcome, "outcome");
    problems = List.copyOf(problems);
  }

  /** A verdict without problems. */
  public static RejectionVerdict of(Outcome outcome) {
    return new RejectionVerdict(outcome, List.of());
  }
}
