package io.github.whatsapphelpdesk.crm;

import java.util.Objects;

/**
 * A file stored on an {@link InMemoryHelpdesk} comment; the content is read with
 * {@link InMemoryHelpdesk#attachmentContent}.
 *
 * @param id the attachment id
 * @param filename the file name
 * @param mimeType the MIME type
 * @param sizeBytes the size in bytes
 */
public record StoredAttachment(String id, String filename, String mimeType, long sizeBytes) {
  public StoredAttachment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(mimeType, "mimeType");
  }
}
