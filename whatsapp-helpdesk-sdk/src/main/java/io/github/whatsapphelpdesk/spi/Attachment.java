package io.github.whatsapphelpdesk.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to attach in the helpdesk (a customer's WhatsApp media, downloaded by the bridge).
 *
 * @param filename the file name, with an extension matching the MIME type
 * @param mimeType the MIME type
 * @param sizeBytes the size in bytes
 * @param data opens the content; may be called more than once (for a retried upload)
 */
public record Attachment(String filename, String mimeType, long sizeBytes, Data data) {

  /** Opens the content of an attachment. */
  @FunctionalInterface
  public interface Data {
    /** A fresh stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;
  }

  public Attachment {
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(data, "data");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes < 0");
    }
  }

  /** An attachment held in memory. */
  public static Attachment ofBytes(String filename, String mimeType, byte[] content) {
    byte[] copy = content.clone();
    return new Attachment(filename, mimeType, copy.length, () -> new ByteArrayInputStream(copy));
  }

  /** An attachment backed by a file. */
  public static Attachment ofFile(String filename, String mimeType, Path file) throws IOException {
    return new Attachment(filename, mimeType, Files.size(file), () -> Files.newInputStream(file));
  }

  /** Reads the whole content. */
  public byte[] readAllBytes() throws IOException {
    try (InputStream in = data.open()) {
      return in.readAllBytes();
    }
  }
}
