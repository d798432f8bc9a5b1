package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.Redact;
import io.github.whatsapphelpdesk.client.InteractiveAction.ListSection;
import io.github.whatsapphelpdesk.client.InteractiveAction.ReplyButton;
import java.util.List;
import java.util.Objects;

/**
 * An interactive message ({@code type: interactive}): optional header (at most 60 characters of text,
 * or media), body text, optional footer (at most 60) and an {@link InteractiveAction} that decides the
 * interactive type.
 *
 * @param header the header, or null
 * @param body the body text, or null (only catalog-less product messages may omit it)
 * @param footer the footer, or null
 * @param action the action
 */
public record Interactive(InteractiveHeader header, String body, String footer, InteractiveAction action)
    implements MessageContent {

  public Interactive {
    Objects.requireNonNull(action, "action");
  }

  /** Reply buttons (1 to 3). */
  public static Interactive replyButtons(String body, ReplyButton... buttons) {
    return new Interactive(null, body, null, new InteractiveAction.ReplyButtons(List.of(buttons)));
  }

  /** A list with a menu button. */
  public static Interactive list(String body, String buttonText, ListSection... sections) {
    return new Interactive(null, body, null, new InteractiveAction.ListAction(buttonText, List.of(sections)));
  }

  /** A call-to-action URL button. */
  public static Interactive ctaUrl(String body, String displayText, String url) {
    return new Interactive(null, body, null, new InteractiveAction.CtaUrl(displayText, url));
  }

  /** A copy with a header. */
  public Interactive withHeader(InteractiveHeader header) {
    return new Interactive(header, body, footer, action);
  }

  /** A copy with a footer. */
  public Interactive withFooter(String footer) {
    return new Interactive(header, body, footer, action);
  }

  @Override
  public String type() {
    return "interactive";
  }

  /** Texts as lengths only. */
  @Override
  public String toString() {
    return "Interactive[header=" + header + ", body=" + Redact.len(body) + ", footer=" + Redact.len(footer)
        + ", action=" + action.getClass().getSimpleName() + "]";
  }
}
