package io.github.whatsapphelpdesk.testkit.sandbox;

import io.github.whatsapphelpdesk.testkit.sandbox.internal.MetaNumbers;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.CustomerIdentity;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.Json;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.MediaStore;
import io.github.whatsapphelpdesk.testkit.sandbox.internal.SandboxEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's phone: each {@code send*} call queues an inbound {@code messages} webhook shaped like
 * Meta's (delivered by {@link CloudApiSandbox#deliverPending()}), opens or resets the customer's 24 h
 * window (except system messages) and returns the inbound wamid. Media is hosted by the sandbox, so
 * the business can fetch it via {@code GET /{media-id}}. Immutable; thread-safe.
 */
public final class SimulatedCustomer {
  private final SandboxEngine engine;
  private final CustomerIdentity who;
  private final String waId;
  private final String profileName;
  private final String phoneNumberId;
  private final String contextId;

  SimulatedCustomer(SandboxEngine engine, CustomerIdentity who, String profileName, String phoneNumberId,
      String contextId) {
    this.engine = engine;
    this.who = who;
    this.waId = who.waId();
    this.profileName = profileName;
    this.phoneNumberId = phoneNumberId;
    this.contextId = contextId;
  }

  /** The customer's wa_id (digits), or null for a username-only customer. */
  public String waId() {
    return waId;
  }

  /**
   * The customer's business-scoped user id ({@code CC.<digits>}), deterministic from the sandbox seed; in
   * {@code contacts[].user_id} and {@code messages[].from_user_id} of every webhook.
   */
  public String bsuid() {
    return who.bsuid();
  }

  /** The customer's username ({@code contacts[].profile.username}), or null. */
  public String username() {
    return who.username();
  }

  /** True when webhooks show the customer's phone number ({@code wa_id}, {@code from}). */
  public boolean phoneShared() {
    return who.phoneShared();
  }

  /**
   * The customer changes phone number: they get a new BSUID. Queues the {@code system} message Meta
   * documents ({@code user_changed_number} with {@code wa_id}, {@code user_id} and {@code
   * previous_user_id}; {@code user_changed_user_id} when the number is not shared) and a {@code
   * user_id_update} webhook; returns the customer under the new identity (the sandbox uses it from now on;
   * the old BSUID is no longer a valid {@code recipient}).
   */
  public SimulatedCustomer changePhoneNumber(String newPhone) {
    CustomerIdentity after = engine.changePhoneNumber(phoneNumberId, who, MetaNumbers.digits(newPhone), profileName);
    return new SimulatedCustomer(engine, after, profileName, phoneNumberId, contextId);
  }

  /** The profile name in {@code contacts[].profile.name}. */
  public String profileName() {
    return profileName;
  }

  /** The same customer writing to another business number of the sandbox. */
  public SimulatedCustomer toBusinessNumber(String phoneNumberId) {
    if (engine.number(phoneNumberId) == null) {
      throw new IllegalArgumentException("unknown business phone number id " + phoneNumberId);
    }
    return new SimulatedCustomer(engine, who, profileName, phoneNumberId, contextId);
  }

  /** The same customer quoting a business message: later messages carry {@code context{from,id}}. */
  public SimulatedCustomer replyingTo(String wamid) {
    return new SimulatedCustomer(engine, who, profileName, phoneNumberId, Objects.requireNonNull(wamid));
  }

  /** A text message. */
  public String sendText(String body) {
    return send("text", Json.obj("body", Objects.requireNonNull(body)), null);
  }

  /** A text message from a Click-to-WhatsApp ad (with {@code referral}). */
  public String sendTextFromAd(String body, AdReferral referral) {
    Map<String, Object> ref = Json.obj("source_url", referral.sourceUrl(), "source_id", referral.sourceId(),
        "source_type", referral.sourceType(), "body", referral.body(), "headline", referral.headline(),
        "media_type", referral.mediaType(), "ctwa_clid", referral.ctwaClid());
    return send("text", Json.obj("body", body), Json.obj("referral", ref));
  }

  /** An image (jpeg/png), hosted by the sandbox. */
  public String sendImage(byte[] data, String mimeType, String caption) {
    return sendMedia("image", data, mimeType, Json.obj("caption", caption));
  }

  /** An audio clip; {@code voice} marks a voice note. */
  public String sendAudio(byte[] data, String mimeType, boolean voice) {
    return sendMedia("audio", data, mimeType, Json.obj("voice", voice));
  }

  /** A video. */
  public String sendVideo(byte[] data, String mimeType, String caption) {
    return sendMedia("video", data, mimeType, Json.obj("caption", caption));
  }

  /** A document with a file name. */
  public String sendDocument(byte[] data, String mimeType, String filename, String caption) {
    return sendMedia("document", data, mimeType, Json.obj("filename", filename, "caption", caption));
  }

  /** A sticker (webp). */
  public String sendSticker(byte[] data, boolean animated) {
    return sendMedia("sticker", data, "image/webp", Json.obj("animated", animated));
  }

  /** A shared location. */
  public String sendLocation(double latitude, double longitude, String name, String address) {
    return send("location", Json.obj("latitude", latitude, "longitude", longitude, "name", name,
        "address", address), null);
  }

  /** A shared contact card. */
  public String sendContact(String formattedName, String phone) {
    String contactWaId = MetaNumbers.digits(phone);
    Map<String, Object> contact = Json.obj("name", Json.obj("formatted_name", formattedName),
        "phones", List.of(Json.obj("phone", "+" + MetaNumbers.digits(phone), "wa_id", contactWaId, "type", "MOBILE")));
    return send("contacts", null, Json.obj("contacts", List.of(contact)));
  }

  /** A tap on an interactive reply button. */
  public String sendButtonReply(String id, String title) {
    return send("interactive", Json.obj("type", "button_reply",
        "button_reply", Json.obj("id", id, "title", title)), null);
  }

  /** A choice from an interactive list. */
  public String sendListReply(String id, String title, String description) {
    return send("interactive", Json.obj("type", "list_reply",
        "list_reply", Json.obj("id", id, "title", title, "description", description)), null);
  }

  /**
   * A completed WhatsApp Flow ({@code interactive.type: nfm_reply}): {@code responseJson} is the flow's
   * answer as a JSON object string (Meta sends it as a string, including the {@code flow_token}).
   */
  public String sendFlowReply(String responseJson, String body) {
    if (!(Json.parseOrNull(responseJson) instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("responseJson must be a JSON object");
    }
    return send("interactive", Json.obj("type", "nfm_reply", "nfm_reply", Json.obj("name", "flow",
        "body", body == null ? "Sent" : body, "response_json", responseJson)), null);
  }

  /** A tap on a template quick-reply button ({@code type: button}). */
  public String sendButton(String payload, String text) {
    return send("button", Json.obj("payload", payload, "text", text), null);
  }

  /** A reaction to a message; an empty emoji removes it. */
  public String react(String messageId, String emoji) {
    return send("reaction", Json.obj("message_id", messageId, "emoji", emoji), null);
  }

  /** An order from the catalog. */
  public String sendOrder(String catalogId, String text, List<OrderItem> items) {
    List<Object> lines = new ArrayList<>();
    for (OrderItem i : items) {
      lines.add(Json.obj("product_retailer_id", i.productRetailerId(), "quantity", i.quantity(),
          "item_price", i.itemPrice(), "currency", i.currency()));
    }
    return send("order", Json.obj("catalog_id", catalogId, "text", text, "product_items", lines), null);
  }

  /**
   * A bare {@code system} message as Meta sent it before BSUIDs: the customer changed number (no contacts;
   * does not open the window; the sandbox keeps the old identity). {@link #changePhoneNumber} simulates the
   * whole change.
   */
  public String changeNumber(String newPhone) {
    String newWaId = MetaNumbers.digits(newPhone);
    return send("system", Json.obj("body", "User " + profileName + " changed from " + waId + " to " + newWaId,
        "wa_id", newWaId, "type", "user_changed_number"), null);
  }

  /**
   * The customer calls the business: a {@code calls} webhook ({@code connect}, user-initiated) now and a
   * {@code terminate} after {@code duration}. Opens the customer service window like a message. Returns the
   * call id.
   */
  public String call(java.time.Duration duration) {
    return engine.userCall(phoneNumberId, who, profileName, duration);
  }

  /** The customer stops marketing messages: a {@code user_preferences} webhook with {@code value: stop}. */
  public void stopMarketing() {
    engine.userPreference(phoneNumberId, who, profileName, true);
  }

  /** The customer resumes marketing messages: a {@code user_preferences} webhook with {@code value: resume}. */
  public void resumeMarketing() {
    engine.userPreference(phoneNumberId, who, profileName, false);
  }

  /** A message type the Cloud API does not support (type {@code unsupported} with error 131051). */
  public String sendUnsupported() {
    Map<String, Object> error = Json.obj("code", 131051, "title", "Message type unknown",
        "message", "Message type unknown",
        "error_data", Json.obj("details", "Message type is currently not supported."));
    return send("unsupported", null, Json.obj("errors", List.of(error)));
  }

  private String sendMedia(String type, byte[] data, String mimeType, Map<String, Object> extra) {
    MediaStore.Media m;
    synchronized (engine) {
      m = engine.media().storeInbound(data, mimeType);
    }
    Map<String, Object> payload = Json.obj("mime_type", m.mimeType(), "sha256", MediaStore.sha256Base64(data),
        "id", m.id());
    payload.putAll(extra);
    return send(type, payload, null);
  }

  private String send(String type, Map<String, Object> payload, Map<String, Object> extra) {
    Map<String, Object> message = Json.obj();
    if (contextId != null) {
      BusinessNumber n = engine.number(phoneNumberId);
      message.put("context", Json.obj("from", n.displayPhoneNumber(), "id", contextId));
    }
    message.put("type", type);
    if (payload != null) {
      message.put(type, payload);
    }
    if (extra != null) {
      message.putAll(extra);
    }
    return engine.inbound(phoneNumberId, who, profileName, message);
  }
}
