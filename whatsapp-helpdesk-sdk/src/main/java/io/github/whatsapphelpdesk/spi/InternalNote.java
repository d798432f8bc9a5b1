package io.github.whatsapphelpdesk.spi;

import io.github.whatsapphelpdesk.client.internal.Redact;
import java.util.Objects;

/**
 * A private note for agents (a failed delivery, a window warning, a held reply). Never visible to the
 * customer.
 *
 * @param text the note's text
 * @param dedupeKey a key that identifies this note, so a retried write can be recognised; may be null
 */
public record InternalNote(String text, String dedupeKey) {
  public InternalNote {
    Objects.requireNonNull(text, "text");
  }

  /** A note without a dedupe key. */
  public static InternalNote of(String text) {
    return new InternalNote(text, null);
  }

  /** The text's length only. */
  @Override
  public String toString() {
    return "InternalNote[text=" + Redact.len(text) + ", dedupeKey=" + Redact.key(dedupeKey) + "]";
  }
}
