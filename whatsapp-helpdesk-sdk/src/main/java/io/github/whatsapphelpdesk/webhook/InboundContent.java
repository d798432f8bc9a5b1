package io.github.whatsapphelpdesk.webhook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The typed content of an inbound message (or of a business-app echo), one record per {@code type} of
 * the Cloud API. A type the SDK does not know becomes {@link Unknown}, carrying the message's raw JSON.
 */
public sealed interface InboundContent {

  /** The Cloud API {@code type} string, for example {@code "text"} or {@code "interactive"}. */
  String type();

  /** {@code text{body}}. */
  record Text(String body) implements InboundContent {
    public Text {
      Objects.requireNonNull(body, "body");
    }

    @Override
    public String type() {
      return "text";
    }

    /** The body's length only: message bodies never reach logs. */
    @Override
    public String toString() {
      return "Text[body=" + WebhookIdentities.len(body) + "]";
    }
  }

  /** The media kinds of inbound messages. */
  enum MediaType {
    IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER;

    /** The Cloud API name, lower case. */
    public String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * {@code image}, {@code audio}, {@code video}, {@code document} or {@code sticker}. Download the bytes
   * with {@code client.media().download(mediaId)}: media ids live about 30 days, URLs minutes.
   *
   * @param mediaType which of the five types
   * @param mediaId the media id to download; null only if Meta omitted it
   * @param mimeType the MIME type, or null
   * @param sha256 the base64 SHA-256 of the file, or null
   * @param caption the caption (image, video, document), or null
   * @param filename the file name (document), or null
   * @param voice true for a voice note (audio recorded in WhatsApp)
   * @param animated true for an animated sticker
   * @param url a download URL when Meta includes one (newer versions), or null
   */
  record Media(
      MediaType mediaType,
      String mediaId,
      String mimeType,
      String sha256,
      String caption,
      String filename,
      boolean voice,
      boolean animated,
      String url) implements InboundContent {
    public Media {
      Objects.requireNonNull(mediaType, "mediaType");
    }

    @Override
    public String type() {
      return mediaType.apiName();
    }

    /** Caption and file name as their lengths only (customer text). */
    @Override
    public String toString() {
      return "Media[mediaType=" + mediaType + ", mediaId=" + mediaId + ", mimeType=" + mimeType + ", caption="
          + WebhookIdentities.len(caption) + ", filename=" + WebhookIdentities.len(filename) + ", voice=" + voice
          + ", animated=" + animated + ", url=" + (url == null ? "null" : "present") + "]";
    }
  }

  /**
   * {@code location{latitude,longitude,name,address,url}}.
   *
   * @param name the place name, or null
   * @param address the address, or null
   * @param url a URL for the place, or null
   */
  record Location(double latitude, double longitude, String name, String address, String url)
      implements InboundContent {
    @Override
    public String type() {
      return "location";
    }

    /** Where a customer is identifies them: coordinates and names are not printed. */
    @Override
    public String toString() {
      return "Location[name=" + WebhookIdentities.len(name) + ", address=" + WebhookIdentities.len(address) + "]";
    }
  }

  /** {@code contacts[]}: one or more shared contact cards. */
  record Contacts(List<SharedContact> contacts) implements InboundContent {
    public Contacts {
      contacts = List.copyOf(contacts);
    }

    @Override
    public String type() {
      return "contacts";
    }
  }

  /** {@code interactive.button_reply{id,title}}: the customer tapped a reply button. */
  record ButtonReply(String id, String title) implements InboundContent {
    @Override
    public String type() {
      return "interactive";
    }
  }

  /** {@code interactive.list_reply{id,title,description}}: the customer picked a list row. */
  record ListReply(String id, String title, String description) implements InboundContent {
    @Override
    public String type() {
      return "interactive";
    }
  }

  /**
   * {@code interactive.nfm_reply{name,body,response_json}}: a WhatsApp Flow was completed.
   *
   * @param name the flow name ({@code "flow"} or {@code "address_message"}), or null
   * @param body the text shown in the chat, or null
   * @param responseJson the flow's answer exactly as sent (a JSON string), or null
   * @param response {@code responseJson} parsed into maps, lists, strings, numbers ({@code Double}),
   *     booleans and nulls; empty when it is absent or not a JSON object
   */
  record FlowReply(String name, String body, String responseJson, Map<String, Object> response)
      implements InboundContent {
    public FlowReply {
      response = response == null ? Map.of() : java.util.Collections.unmodifiableMap(response);
    }

    @Override
    public String type() {
      return "interactive";
    }

    /** The customer's answers as lengths only. */
    @Override
    public String toString() {
      return "FlowReply[name=" + name + ", body=" + WebhookIdentities.len(body) + ", responseJson="
          + WebhookIdentities.len(responseJson) + "]";
    }
  }

  /** {@code button{payload,text}}: the customer tapped a template's quick-reply button. */
  record Button(String payload, String text) implements InboundContent {
    @Override
    public String type() {
      return "button";
    }
  }

  /**
   * {@code reaction{message_id,emoji}}.
   *
   * @param messageId the wamid reacted to
   * @param emoji the emoji, or empty when the reaction was removed
   */
  record Reaction(String messageId, String emoji) implements InboundContent {
    public Reaction {
      emoji = emoji == null ? "" : emoji;
    }

    /** True when the customer removed their reaction (empty emoji). */
    public boolean removed() {
      return emoji.isEmpty();
    }

    @Override
    public String type() {
      return "reaction";
    }
  }

  /**
   * {@code order{catalog_id,text,product_items[]}}: a cart sent from a catalog.
   *
   * @param text the customer's note, or null
   */
  record Order(String catalogId, String text, List<OrderItem> items) implements InboundContent {
    public Order {
      items = List.copyOf(items);
    }

    @Override
    public String type() {
      return "order";
    }

    /** The customer's note as its length only. */
    @Override
    public String toString() {
      return "Order[catalogId=" + catalogId + ", text=" + WebhookIdentities.len(text) + ", items=" + items + "]";
    }
  }

  /**
   * One line of an {@link Order}.
   *
   * @param itemPrice the unit price, or null
   * @param currency ISO 4217 code, or null
   */
  record OrderItem(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {}

  /**
   * {@code system{type,wa_id,user_id,parent_user_id,previous_user_id,previous_parent_user_id,body}}: an
   * identity change of the sender. {@code user_changed_number}: the customer changed phone number
   * ({@link #newWaId} is the new number when it may be shared); {@code user_changed_user_id}: only the
   * BSUID changed. A phone-number change also gives a new BSUID: {@link #userId} is the new one, {@link
   * #previousUserId} the old (Meta, system messages webhook reference and changelog of 2026-08-11,
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system/).
   * Such messages carry no {@code contacts}. {@link #toString()} masks identifiers and never prints the body
   * (it names the customer and both numbers).
   *
   * @param systemType Meta's {@code system.type}, for example {@code "user_changed_number"}, or null
   * @param newWaId the new phone number ({@code system.wa_id}), or null
   * @param body the human-readable text, or null
   * @param userId the new BSUID ({@code system.user_id}), or null
   * @param parentUserId the new parent BSUID ({@code system.parent_user_id}), or null
   * @param previousUserId the BSUID before the change ({@code system.previous_user_id}), or null
   * @param previousParentUserId the parent BSUID before the change ({@code system.previous_parent_user_id}),
   *     or null
   */
  record SystemChange(String systemType, String newWaId, String body, String userId, String parentUserId,
      String previousUserId, String previousParentUserId) implements InboundContent {

    /** A system change without BSUID fields (payloads before 2026-03-31). */
    public SystemChange(String systemType, String newWaId, String body) {
      this(systemType, newWaId, body, null, null, null, null);
    }

    /** True for {@code user_changed_number}. */
    public boolean userChangedNumber() {
      return "user_changed_number".equals(systemType) || "customer_changed_number".equals(systemType);
    }

    /** True for {@code user_changed_user_id} (the BSUID changed, no phone number shared). */
    public boolean userChangedUserId() {
      return "user_changed_user_id".equals(systemType);
    }

    /**
     * The customer with the new identifiers (new BSUID, new parent BSUID, new phone number), or null when
     * the message carries none.
     */
    public io.github.whatsapphelpdesk.customer.Customer newCustomer() {
      return WebhookIdentities.customerOrNull(userId, newWaId, parentUserId, null, null);
    }

    @Override
    public String type() {
      return "system";
    }

    /** Identifiers masked, the body as its length. */
    @Override
    public String toString() {
      return "SystemChange[systemType=" + systemType + ", newWaId=" + WebhookIdentities.id(newWaId) + ", userId="
          + WebhookIdentities.id(userId) + ", parentUserId=" + WebhookIdentities.id(parentUserId)
          + ", previousUserId=" + WebhookIdentities.id(previousUserId) + ", previousParentUserId="
          + WebhookIdentities.id(previousParentUserId) + ", body=" + WebhookIdentities.len(body) + "]";
    }
  }

  /**
   * {@code request_welcome}: the customer opened the chat for the first time (no text yet).
   */
  record RequestWelcome() implements InboundContent {
    @Override
    public String type() {
      return "request_welcome";
    }
  }

  /**
   * A message the customer edited. {@link #originalMessageId} is the wamid of the message that changed.
   *
   * @param newContent the edited content, or null when Meta did not include it
   */
  record Edit(String originalMessageId, InboundContent newContent) implements InboundContent {
    @Override
    public String type() {
      return "edit";
    }
  }

  /** A message the sender deleted for everyone ({@code revoke}). */
  record Revoke(String originalMessageId) implements InboundContent {
    @Override
    public String type() {
      return "revoke";
    }
  }

  /**
   * {@code unsupported} or {@code unknown}: Meta itself could not render the message (for example a
   * deleted message or a type the Cloud API does not support). Details are in the message's errors
   * (usually 131051).
   *
   * @param type {@code "unsupported"} or {@code "unknown"}
   */
  record Unsupported(String type) implements InboundContent {}

  /**
   * A {@code type} (or an {@code interactive} sub-type) this SDK version does not know.
   *
   * @param type the {@code type} string as sent
   * @param rawJson the whole message object exactly as received
   */
  record Unknown(String type, String rawJson) implements InboundContent {
    public Unknown {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(rawJson, "rawJson");
    }

    /** The raw JSON as its length only (it holds the customer's message). */
    @Override
    public String toString() {
      return "Unknown[type=" + type + ", rawJson=" + WebhookIdentities.len(rawJson) + "]";
    }
  }
}
