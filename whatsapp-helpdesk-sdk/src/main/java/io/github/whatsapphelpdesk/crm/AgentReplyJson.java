package io.github.whatsapphelpdesk.crm;

import io.github.whatsapphelpdesk.crm.internal.AgentReplyCodec;
import io.github.whatsapphelpdesk.spi.AgentReply;

/**
 * The JSON body of the generic agent-reply webhook a custom CRM posts to the bridge:
 *
 * <pre>{@code
 * {
 *   "ticket_id": "4711",                       // string or integer, required
 *   "reply_id": "c-98",                        // string or integer, required; the bridge dedupes on it
 *   "author": {"id": "agent-7", "name": "Ana"},// id required (string or integer), name optional
 *   "text": "Your parcel ships today.",        // required, plain text (may be empty with attachments)
 *   "attachments": [                           // optional
 *     {"id": "a1", "filename": "label.pdf", "mime_type": "application/pdf",
 *      "size": 48213, "url": "https://crm.example.com/files/a1"}   // size optional (-1 = unknown)
 *   ],
 *   "created_at": "2026-01-15T10:00:00Z"       // ISO-8601 instant, required
 * }
 * }</pre>
 *
 * Unknown fields are ignored, so a CRM may send more. Thread-safe, stateless.
 */
public final class AgentReplyJson {
  private AgentReplyJson() {}

  /**
   * Parses a webhook body.
   *
   * @throws AgentReplyFormatException naming every problem when the body is not valid JSON or lacks or
   *     mistypes a field
   */
  public static AgentReply parse(byte[] body) {
    return AgentReplyCodec.parse(body);
  }

  /** Writes a reply in the documented shape (UTF-8), for CRMs and tests that send the webhook. */
  public static byte[] toJson(AgentReply reply) {
    return AgentReplyCodec.write(reply);
  }
}
