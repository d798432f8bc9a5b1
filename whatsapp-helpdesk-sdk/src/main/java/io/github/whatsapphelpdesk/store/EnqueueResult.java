package io.github.whatsapphelpdesk.store;

import java.util.Objects;

/**
 * The answer to {@link Outbox#enqueue}.
 *
 * @param entry the entry holding the message: the new one, or the one enqueued earlier with the same
 *     dedupe key (whose message is kept, not replaced)
 * @param created true when this call created the entry
 */
public record EnqueueResult(OutboxEntry entry, boolean created) {
  public EnqueueResult {
    Objects.requireNonNull(entry, "entry");
  }
}
