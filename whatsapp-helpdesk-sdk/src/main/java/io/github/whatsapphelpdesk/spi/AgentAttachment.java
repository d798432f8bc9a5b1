package io.github.whatsapphelpdesk.spi;

import java.util.Objects;

/**
 * A file an agent attached to a reply in the helpdesk; fetched with
 * {@link HelpdeskAdapter#downloadAttachment} and uploaded to the Cloud API.
 *
 * @param id the helpdesk's attachment id
 * @param filename the file name
 * @param mimeType the MIME type
 * @param sizeBytes the size in bytes, or -1 when unknown
 * @param url where the helpdesk serves the content (may need the adapter's credentials)
 */
public record AgentAttachment(String id, String filename, String mimeType, long sizeBytes, String url) {
  public AgentAttachment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(url, "url");
  }
}
