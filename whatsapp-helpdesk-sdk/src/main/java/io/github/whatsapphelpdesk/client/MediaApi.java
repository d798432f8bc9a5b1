package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.ApiCall;
import io.github.whatsapphelpdesk.client.internal.ApiExecutor;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.error.WhatsAppClientException;
import io.github.whatsapphelpdesk.http.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Media: upload ({@code POST /{phone-number-id}/media}, multipart), resolve ({@code GET /{media-id}}),
 * download (the resolved URL with the bearer token) and delete. Thread-safe.
 */
public final class MediaApi {
  /** The default download cap: 100 MB, Meta's largest media. */
  public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 100 * MediaLimits.MB;

  private final ApiExecutor executor;
  private final String phoneNumberId;

  MediaApi(ApiExecutor executor, String phoneNumberId) {
    this.executor = executor;
    this.phoneNumberId = phoneNumberId;
  }

  /**
   * Uploads bytes and returns the media id (valid 30 days).
   *
   * @throws ValidationException when the MIME type is not accepted or the size exceeds its kind's limit
   */
  public String upload(byte[] data, String mimeType, String filename) {
    Objects.requireNonNull(data, "data");
    check(mimeType, data.length, filename, data);
    return upload(RequestBody.create(data, MediaType.get(mimeType)), mimeType, filename);
  }

  /** Uploads a file (streamed) and returns the media id. */
  public String upload(Path file, String mimeType) {
    Objects.requireNonNull(file, "file");
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new ValidationException("Media upload", List.of("the file cannot be read: " + e.getMessage()));
    }
    String name = file.getFileName().toString();
    byte[] head = new byte[32];
    int n = 0;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new ValidationException("Media upload", List.of("the file cannot be read: " + e.getMessage()));
    }
    check(mimeType, size, name, java.util.Arrays.copyOf(head, n));
    return upload(RequestBody.create(file.toFile(), MediaType.get(mimeType)), mimeType, name);
  }

  private String upload(RequestBody body, String mimeType, String filename) {
    MultipartBody multipart = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("messaging_product", "whatsapp")
        .addFormDataPart("type", mimeType)
        .addFormDataPart("file", filename == null ? "file" : filename, body)
        .build();
    Map<String, Object> r = executor.execute(ApiCall.post(phoneNumberId + "/media", multipart));
    String id = Json.str(r, "id");
    if (id == null) {
      throw new SerializationException("the upload answer has no id");
    }
    return id;
  }

  private static void check(String mimeType, long size, String filename, byte[] head) {
    List<String> v = new ArrayList<>();
    var kind = MediaLimits.kindOf(mimeType);
    if (kind.isEmpty()) {
      v.add("MIME type '" + mimeType + "' is not accepted by the Cloud API; accepted: "
          + new java.util.TreeSet<>(MediaLimits.acceptedMimeTypes().keySet()));
    } else if (kind.get() == MediaKind.STICKER) {
      boolean animated = MediaLimits.isAnimatedWebp(head);
      long max = MediaLimits.maxStickerBytes(animated);
      if (size > max) {
        v.add((animated ? "animated" : "static") + " sticker is " + size + " bytes; the limit is " + max);
      }
    } else if (size > MediaLimits.maxBytes(kind.get())) {
      v.add(kind.get().apiName() + " is " + size + " bytes; the limit is " + MediaLimits.maxBytes(kind.get()));
    }
    if (size == 0) {
      v.add("the file is empty");
    }
    if (MediaType.parse(mimeType == null ? "" : mimeType) == null) {
      v.add("MIME type '" + mimeType + "' is malformed");
    }
    if (filename != null && filename.isBlank()) {
      v.add("the file name is blank");
    }
    if (!v.isEmpty()) {
      throw new ValidationException("Media upload", v);
    }
  }

  /** Resolves a media id to its (5-minute) URL, MIME type, SHA-256 and size. */
  public MediaInfo info(String mediaId) {
    Objects.requireNonNull(mediaId, "mediaId");
    Map<String, Object> r = executor.execute(ApiCall.get(mediaId, Map.of("phone_number_id", phoneNumberId)).named("media"));
    if (Json.str(r, "url") == null) {
      throw new SerializationException("the media answer has no url");
    }
    Long size = Json.lng(r, "file_size");
    return new MediaInfo(Json.str(r, "id") != null ? Json.str(r, "id") : mediaId, Json.str(r, "url"),
        Json.str(r, "mime_type"), Json.str(r, "sha256"), size == null ? -1 : size);
  }

  /** Deletes an uploaded media; true when Meta confirmed. */
  public boolean delete(String mediaId) {
    Objects.requireNonNull(mediaId, "mediaId");
    return Boolean.TRUE.equals(Json.bool(
        executor.execute(ApiCall.delete(mediaId, Map.of("phone_number_id", phoneNumberId)).named("media")), "success"));
  }

  /** Downloads to a stream with the default 100 MB cap. */
  public MediaInfo download(String mediaId, OutputStream out) {
    return download(mediaId, out, DEFAULT_MAX_DOWNLOAD_BYTES);
  }

  /**
   * Streams a media file to {@code out}: resolves the URL, downloads with the bearer token, resolves a
   * fresh URL once when the first answers 404 (URLs expire after 5 minutes), stops at {@code maxBytes}
   * and verifies the SHA-256 when Meta gave one. On failure {@code out} may hold a partial file; use
   * {@link #download(String, Path, long)} for an all-or-nothing file.
   *
   * @throws WhatsAppClientException on a size or checksum mismatch
   */
  public MediaInfo download(String mediaId, OutputStream out, long maxBytes) {
    Objects.requireNonNull(out, "out");
    MediaInfo info = info(mediaId);
    for (int attempt = 1; ; attempt++) {
      if (info.fileSize() > maxBytes) {
        throw new WhatsAppClientException("media " + mediaId + " is " + info.fileSize()
            + " bytes, above the cap of " + maxBytes);
      }
      HttpUrl url = HttpUrl.parse(info.url());
      if (url == null) {
        throw new SerializationException("the media URL is not an http(s) URL");
      }
      try (Response response = executor.openDownload(url)) {
        if (response.code() == 404 && attempt == 1) {
          info = info(mediaId);
          continue;
        }
        if (!response.isSuccessful()) {
          String body = response.body() == null ? "" : response.body().string();
          throw executor.toException(response.code(), body, null);
        }
        copy(response.body().byteStream(), out, maxBytes, info);
        return info;
      } catch (IOException e) {
        throw new io.github.whatsapphelpdesk.error.ApiConnectionException("media download failed: " + e, true, e);
      }
    }
  }

  /**
   * Downloads to a file: written to a temporary file beside {@code target}, verified, then moved into
   * place; nothing is left behind on failure.
   */
  public MediaInfo download(String mediaId, Path target, long maxBytes) {
    Objects.requireNonNull(target, "target");
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, ".wa-media-", ".part");
      MediaInfo info;
      try (OutputStream os = Files.newOutputStream(tmp)) {
        info = download(mediaId, os, maxBytes);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return info;
    } catch (IOException e) {
      throw new WhatsAppClientException("cannot write the media file: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private static void copy(InputStream in, OutputStream out, long maxBytes, MediaInfo info) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) != -1; ) {
      total += n;
      if (total > maxBytes) {
        throw new WhatsAppClientException("media " + info.id() + " exceeds the cap of " + maxBytes + " bytes");
      }
      digest.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    if (info.fileSize() >= 0 && total != info.fileSize()) {
      throw new WhatsAppClientException("media " + info.id() + " has " + total + " bytes; Meta announced "
          + info.fileSize());
    }
    if (info.sha256() != null) {
      // The media endpoint gives hex; webhooks give base64. Accept either encoding of the same digest.
      byte[] d = digest.digest();
      String expected = info.sha256().strip();
      boolean ok = HexFormat.of().formatHex(d).equals(expected.toLowerCase(Locale.ROOT))
          || java.util.Base64.getEncoder().encodeToString(d).equals(expected);
      if (!ok) {
        throw new WhatsAppClientException("media " + info.id() + " failed its SHA-256 check");
      }
    }
  }
}
