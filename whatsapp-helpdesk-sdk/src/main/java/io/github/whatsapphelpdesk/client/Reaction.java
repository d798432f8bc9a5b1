package io.github.whatsapphelpdesk.client;

import java.util.Objects;

/**
 * A reaction to an earlier message ({@code type: reaction}). The target must be younger than 30 days.
 * An empty emoji removes an earlier reaction.
 *
 * @param messageId the wamid reacted to
 * @param emoji the emoji, or {@code ""} to remove the reaction
 */
public record Reaction(String messageId, String emoji) implements MessageContent {
  public Reaction {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(emoji, "emoji");
  }

  /** Removes the reaction on {@code messageId}. */
  public static Reaction remove(String messageId) {
    return new Reaction(messageId, "");
  }

  @Override
  public String type() {
    return "reaction";
  }
}
