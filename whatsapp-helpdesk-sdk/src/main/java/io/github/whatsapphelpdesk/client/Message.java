package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbound message: recipient, content and the optional envelope fields. Immutable; build with
 * {@link #builder()} or the shortcuts {@link #of(String, MessageContent)}, {@link #to(Customer,
 * MessageContent)} and {@link #text}.
 *
 * <p>A message is addressed by phone number ({@code to}) or by BSUID ({@code recipient}); at least one is
 * required. {@code POST /{phone-number-id}/messages} accepts {@code recipient} (a BSUID or parent BSUID)
 * instead of {@code to}, and when both are present {@code to} takes precedence (Meta's BSUID guide;
 * summarised at https://dualhook.com/docs/contacts-bsuid-api-changes): this SDK then sends {@code to}
 * only. Meta recommends the phone number whenever it is known, so {@link #to(Customer, MessageContent)}
 * uses the BSUID only for customers whose number is withheld. Authentication (OTP) templates still need a
 * phone number: Meta answers 131062 for a BSUID recipient.
 *
 * <p>{@code to} is normalised to E.164 with a leading {@code +} when the message is sent (without the
 * {@code +} Meta prepends the business number's country code, which can misdeliver). {@link #toString()}
 * masks both addresses.
 *
 * @param to the recipient phone number or {@code wa_id}, or null to send by BSUID
 * @param recipient the recipient's BSUID or parent BSUID ({@code US.13491208655302741918}), or null;
 *     ignored on the wire when {@code to} is set
 * @param content what to send
 * @param replyToMessageId the wamid to quote ({@code context.message_id}), or null
 * @param bizOpaqueCallbackData an opaque string echoed in the status webhooks, or null
 */
public record Message(String to, String recipient, MessageContent content, String replyToMessageId,
    String bizOpaqueCallbackData) {

  /**
   * Checks that the message has an address and content; the address formats are checked when it is sent.
   *
   * @throws ValidationException when neither {@code to} nor {@code recipient} is given
   */
  public Message {
    Objects.requireNonNull(content, "content");
    if (to == null && recipient == null) {
      throw new ValidationException("WhatsApp " + content.type() + " message",
          List.of("a recipient is required: to (phone number) or recipient (BSUID)"));
    }
  }

  /** A message to a phone number, without reply context or callback data. */
  public static Message of(String to, MessageContent content) {
    return new Message(Objects.requireNonNull(to, "to"), null, content, null, null);
  }

  /**
   * A message to a customer: to their phone number when it is known, else to their BSUID ({@code
   * recipient}), as Meta recommends.
   */
  public static Message to(Customer customer, MessageContent content) {
    Objects.requireNonNull(customer, "customer");
    return customer.hasPhone()
        ? new Message(customer.phone(), null, content, null, null)
        : new Message(null, customer.bsuid(), content, null, null);
  }

  /** A text message without URL preview, to a phone number. */
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

  /** True when the message goes out by BSUID ({@code recipient}), having no phone number. */
  public boolean sendsByBsuid() {
    return to == null;
  }

  /** A copy quoting {@code messageId}. */
  public Message inReplyTo(String messageId) {
    return new Message(to, recipient, content, messageId, bizOpaqueCallbackData);
  }

  /** A copy carrying {@code data} as {@code biz_opaque_callback_data} (echoed in the status webhooks). */
  public Message withBizOpaqueCallbackData(String data) {
    return new Message(to, recipient, content, replyToMessageId, data);
  }

  /** Masks the recipient: phone numbers and BSUIDs identify a person. */
  @Override
  public String toString() {
    return "Message[to=" + (to == null ? null : Masking.phone(to))
        + ", recipient=" + (recipient == null ? null : Masking.bsuid(recipient))
        + ", type=" + content.type() + ", replyTo=" + replyToMessageId + "]";
  }

  /** Builds {@link Message}s. Not thread-safe. */
  public static final class Builder {
    private String to;
    private String recipient;
    private MessageContent content;
    private String replyTo;
    private String callbackData;

    private Builder() {}

    /** The recipient's phone number (any form; normalised to E.164 when sent). */
    public Builder to(String to) {
      this.to = to;
      return this;
    }

    /** The recipient's BSUID or parent BSUID, for a customer whose phone number is not known. */
    public Builder recipient(String bsuid) {
      this.recipient = bsuid;
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

    /** Builds; {@code content} and {@code to} or {@code recipient} are required. */
    public Message build() {
      return new Message(to, recipient, content, replyTo, callbackData);
    }
  }
}
