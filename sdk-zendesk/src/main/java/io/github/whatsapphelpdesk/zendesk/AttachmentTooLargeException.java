package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import java.util.List;

/**
 * An agent's attachment is larger than {@link ZendeskConfig#maxDownloadBytes()}, so
 * {@link ZendeskAdapter#downloadAttachment} refused it: before the download when the size is declared
 * (by the comment or the {@code Content-Length} header), or mid-stream once the limit was passed. In the
 * mid-stream case the output stream holds an incomplete prefix and must be discarded. Not retryable: the
 * same file will be too large again; send the agent a note or a link instead.
 */
public final class AttachmentTooLargeException extends HelpdeskValidationException {
  private static final long serialVersionUID = 1L;
  private final long limitBytes;
  private final long sizeBytes;

  /**
   * @param limitBytes the configured limit
   * @param sizeBytes the declared size, or -1 when the size was unknown and the stream passed the limit
   */
  public AttachmentTooLargeException(String filename, long limitBytes, long sizeBytes) {
    super("zendesk", 0, "attachment download refused: " + (sizeBytes >= 0 ? sizeBytes + " bytes, more" : "more")
        + " than the limit of " + limitBytes + " bytes",
        List.of(new FieldError("attachment." + filename, "too_large", "exceeds maxDownloadBytes")));
    this.limitBytes = limitBytes;
    this.sizeBytes = sizeBytes;
  }

  /** The configured limit in bytes. */
  public long limitBytes() {
    return limitBytes;
  }

  /** The declared size in bytes, or -1 when it was unknown and the stream passed the limit. */
  public long sizeBytes() {
    return sizeBytes;
  }
}
