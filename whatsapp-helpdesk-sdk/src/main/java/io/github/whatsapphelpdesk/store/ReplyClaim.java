package io.github.whatsapphelpdesk.store;

import java.util.Objects;

/**
 * The answer to {@link ConversationStore#claimReply}.
 *
 * @param claimed true when this call claimed the reply (the caller sends it); false when it was already
 *     claimed, by this or another caller, and must not be sent again
 * @param record the reply's record after the call
 */
public record ReplyClaim(boolean claimed, ReplyRecord record) {
  public ReplyClaim {
    Objects.requireNonNull(record, "record");
  }
}
