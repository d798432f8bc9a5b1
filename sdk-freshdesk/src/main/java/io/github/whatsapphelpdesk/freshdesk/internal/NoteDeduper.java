package io.github.whatsapphelpdesk.freshdesk.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes customer notes safe to repeat although Freshdesk has no idempotency header. It remembers
 * (bounded LRU) the note id written for each WhatsApp message id, and the message ids whose write
 * failed ambiguously (timeout, I/O error, 5xx: Freshdesk may have stored the note). A retry of an
 * ambiguous write first re-reads the ticket's conversations and reuses an incoming note by the same
 * contact with the same text. Thread-safe.
 */
public final class NoteDeduper {
  private static final Long AMBIGUOUS = -1L;
  private final Map<String, Long> byMessageId;

  public NoteDeduper(int maxEntries) {
    this.byMessageId = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The note already written for a message id, or null. */
  public synchronized Long written(long ticketId, String messageId) {
    Long v = byMessageId.get(key(ticketId, messageId));
    return v == null || v.equals(AMBIGUOUS) ? null : v;
  }

  /** True when an earlier write of this message may or may not have been stored. */
  public synchronized boolean ambiguous(long ticketId, String messageId) {
    return AMBIGUOUS.equals(byMessageId.get(key(ticketId, messageId)));
  }

  /** Records a successful write. */
  public synchronized void recordWritten(long ticketId, String messageId, long noteId) {
    byMessageId.put(key(ticketId, messageId), noteId);
  }

  /** Records a write whose outcome is unknown. */
  public synchronized void recordAmbiguous(long ticketId, String messageId) {
    byMessageId.putIfAbsent(key(ticketId, messageId), AMBIGUOUS);
  }

  /**
   * The newest note whose text equals {@code html}'s text: an incoming one by {@code userId}, or, when
   * {@code userId} is null, a private one. Null when there is none.
   */
  public static Dtos.Conversation find(List<Dtos.Conversation> conversations, Long userId, String html) {
    String wanted = HtmlText.toText(html);
    for (int i = conversations.size() - 1; i >= 0; i--) {
      Dtos.Conversation c = conversations.get(i);
      boolean kind = userId == null ? Boolean.TRUE.equals(c.isPrivate())
          : Boolean.TRUE.equals(c.incoming()) && Objects.equals(c.userId(), userId);
      if (kind && wanted.equals(HtmlText.toText(c.body()))) {
        return c;
      }
    }
    return null;
  }

  private static String key(long ticketId, String messageId) {
    return ticketId + "|" + messageId;
  }
}
