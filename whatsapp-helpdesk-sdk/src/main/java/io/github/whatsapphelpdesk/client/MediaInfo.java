package io.github.whatsapphelpdesk.client;

import java.util.Objects;

/**
 * What {@code GET /{media-id}} returns. The URL expires after 5 minutes and needs the bearer token.
 *
 * @param id the media id
 * @param url the download URL
 * @param mimeType the MIME type
 * @param sha256 the hex SHA-256 of the file, or null
 * @param fileSize the size in bytes, or -1 when unknown
 */
public record MediaInfo(String id, String url, String mimeType, String sha256, long fileSize) {
  public MediaInfo {
    Objects.requireNonNull(id, "id");
  }
}
