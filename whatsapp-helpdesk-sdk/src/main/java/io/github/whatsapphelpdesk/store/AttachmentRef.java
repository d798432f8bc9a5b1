package io.github.whatsapphelpdesk.store;

import java.io.Serializable;
import java.util.Objects;

/**
 * A reference to a file an outbound message carries: where to fetch it (usually an agent's attachment
 * in the helpdesk), never the bytes. The sender downloads it and uploads it to the Cloud API.
 *
 * @param id the source's attachment id (a helpdesk attachment id, or a Cloud API media id)
 * @param filename the file name
 * @param mimeType the MIME type
 * @param sizeBytes the size in bytes, or -1 when unknown
 * @param url where the source serves it, or null when {@link #id} is enough
 */
public record AttachmentRef(String id, String filename, String mimeType, long sizeBytes, String url)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public AttachmentRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(mimeType, "mimeType");
    if (sizeBytes < -1) {
      throw new IllegalArgumentException("sizeBytes must be >= -1");
    }
  }
}
