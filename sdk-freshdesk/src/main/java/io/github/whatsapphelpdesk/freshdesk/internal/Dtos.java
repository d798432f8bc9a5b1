package io.github.whatsapphelpdesk.freshdesk.internal;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;

/** Moshi DTOs for the Freshdesk API v2 fields the adapter reads; unknown fields are ignored. */
public final class Dtos {
  private Dtos() {}

  /** A contact. */
  public record Contact(
      Long id, String name, String mobile, String phone,
      @Json(name = "unique_external_id") String uniqueExternalId,
      String description) {}

  /** A ticket. */
  public record Ticket(
      Long id, Integer status, Integer priority, Integer source,
      @Json(name = "requester_id") Long requesterId,
      String subject,
      @Json(name = "created_at") String createdAt,
      List<String> tags,
      @Json(name = "custom_fields") Map<String, Object> customFields,
      List<AttachmentDto> attachments) {}

  /** A conversation entry (reply, note) of a ticket; also the answer to POST notes and reply. */
  public record Conversation(
      Long id, String body,
      @Json(name = "body_text") String bodyText,
      Boolean incoming,
      @Json(name = "private") Boolean isPrivate,
      Integer source,
      @Json(name = "user_id") Long userId,
      @Json(name = "created_at") String createdAt,
      List<AttachmentDto> attachments) {}

  /** An attachment of a ticket or conversation. */
  public record AttachmentDto(
      Long id, String name,
      @Json(name = "content_type") String contentType,
      Long size,
      @Json(name = "attachment_url") String attachmentUrl) {}

  /** Freshdesk's error body. */
  public record ErrorBody(String description, List<ErrorItem> errors, String message, String code) {}

  /** One field error. */
  public record ErrorItem(String field, String message, String code) {}
}
