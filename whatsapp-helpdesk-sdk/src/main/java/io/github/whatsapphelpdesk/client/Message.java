package io.github.whatsapphelpdesk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * One outbound message: recipient, content and the optional envelope fields. Immutable; build with
 * {@link #builder()} or the shortcuts {@link #of(String, MessageContent)} and {@link #text}.
 *
 * <p>{@code to} is normalised to E.164 with a leading {@code +} when the message is sent (without the
 * {@code +} Meta prepends the business number's country code, which can misdeliver).
 *
 * @param to the recipient phone number or {@code wa_id}
 * @param content what to send
 * @param replyToMessageId the wamid to quote ({@code context.message_id}), or null
 * @param bizOpaqueCallbackData an opaque string echoed in the status webhooks, or null
 */
public record Message(String to, MessageContent content, String replyToMessageId, String bizOpaqueCallbackData) {

  public Message {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(content, "content");
  }

  /** A message without reply context or callback data. */
  public static Message of(String to, MessageContent content) {
    return new Message(to, content, null, null);
  }

  /** A text message without URL preview. */
  public static Message text(String to, String body) {
    return of(to, Text.of(body));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The quoted wamid, when set. */
  public Optional<String> replyTo() {
    return Optional.ofNullable(replyToMessageId);
  }

  /** A copy quoting {@code messageId}. */
  public Message inReplyTo(String messageId) {
    return new Message(to, content, messageId, bizOpaqueCallbackData);
  }

  /** Builds {@link Message}s. */
  public static final class Builder {
    private String to;
    private MessageContent content;
    private String replyTo;
    private String callbackData;

    private Builder() {}

    /** The recipient. */
    public Builder to(String to) {
      this.to = to;
      return this;
    }

    /** The content. */
    public Builder content(MessageContent content) {
      this.content = content;
      return this;
    }

    /** Quotes the message with this wamid. */
    public Builder replyTo(String messageId) {
      this.replyTo = messageId;
      return this;
    }

    /** Opaque data echoed in the status webhooks ({@code biz_opaque_callback_data}). */
    public Builder bizOpaqueCallbackData(String data) {
      this.callbackData = data;
      return this;
    }

    /** Builds; {@code to} and {@code content} are required. */
    public Message build() {
      return new Message(to, content, replyTo, callbackData);
    }
  }
}
