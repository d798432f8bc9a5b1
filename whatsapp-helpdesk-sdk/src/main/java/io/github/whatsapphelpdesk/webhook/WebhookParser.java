package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.webhook.internal.EnvelopeParser;

/**
 * Parses a webhook body into typed events. A streaming parser (no reflection, no intermediate tree for
 * the envelope): every entry, change and item of a batch becomes an event, in payload order.
 *
 * <ul>
 *   <li>Unknown JSON fields are ignored; an unknown {@code field} becomes an {@link UnknownEvent} and an
 *       unknown message type an {@link InboundMessage} with {@link InboundContent.Unknown} content, both
 *       carrying the raw JSON; unknown enum values map to {@code UNKNOWN}.
 *   <li>One bad item (a message without an id, an entry that is not an object) becomes a {@link
 *       ParseProblem}; the other items are still returned.
 *   <li>A body that is unreadable as a whole throws {@link WebhookParseException}: empty, larger than
 *       {@link Builder#maxBodyBytes} (default 3 MB, Meta's maximum), not UTF-8, not well-formed JSON
 *       (trailing data included), nested deeper than {@link #MAX_DEPTH} levels, not an object, or an
 *       {@code object} other than {@code whatsapp_business_account}. Parsing is iterative over a bounded
 *       input: no stack overflow, memory proportional to the body.
 * </ul>
 *
 * <p>This does not verify the signature: use {@link WebhookSignatureVerifier} first (the {@link
 * WebhookHandler} does both). Immutable and thread-safe.
 */
public final class WebhookParser {
  /** Meta's maximum payload size, the default limit: 3 MB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;
  /** The nesting limit of objects and arrays (Meta's payloads nest about 8 levels). */
  public static final int MAX_DEPTH = EnvelopeParser.MAX_DEPTH;

  private final int maxBodyBytes;

  private WebhookParser(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /** A parser with the default limits. */
  public static WebhookParser create() {
    return builder().build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a raw body.
   *
   * @param body the raw bytes as received
   * @return every event and every per-item problem
   * @throws WebhookParseException when the body is unreadable as a whole
   */
  public ParsedWebhook parse(byte[] body) {
    return EnvelopeParser.parse(body, maxBodyBytes);
  }

  /** The body size limit in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Builds a {@link WebhookParser}. Not thread-safe. */
  public static final class Builder {
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /** The largest body accepted, in bytes (default 3 MB). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 1");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Builds the parser. */
    public WebhookParser build() {
      return new WebhookParser(this);
    }
  }
}
