package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.BusinessNumber;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds {@code changes[].value} objects shaped like Meta's {@code messages} webhooks. */
public final class WebhookPayloads {
  private WebhookPayloads() {}

  /** The {@code messaging_product} and {@code metadata} of a value. */
  static Map<String, Object> base(BusinessNumber number) {
    return Json.obj("messaging_product", "whatsapp",
        "metadata", Json.obj("display_phone_number", number.displayPhoneNumber(),
            "phone_number_id", number.id()));
  }

  /**
   * An inbound message value. {@code message} holds the type-specific fields ({@code type},
   * {@code <type>{...}}, optional {@code context}/{@code referral}/{@code errors}); from, id and
   * timestamp are added here. System messages carry no {@code contacts}. BSUID fields as Meta sends them
   * since 2026-03-31 ("Business-scoped user IDs"): {@code contacts[].user_id} and {@code
   * messages[].from_user_id} always, {@code profile.username} when set, {@code wa_id} / {@code from} only
   * when the number may be shared.
   */
  public static Map<String, Object> inbound(BusinessNumber number, CustomerIdentity who, String profileName,
      String wamid, Instant at, Map<String, Object> message) {
    Map<String, Object> value = base(number);
    if (!"system".equals(message.get("type"))) {
      value.put("contacts", List.of(contact(who, profileName)));
    }
    Map<String, Object> m = Json.obj("from", who.sharedWaId(), "from_user_id", who.bsuid(), "id", wamid,
        "timestamp", epoch(at));
    m.putAll(message);
    value.put("messages", List.of(m));
    return value;
  }

  private static Map<String, Object> contact(CustomerIdentity who, String profileName) {
    Map<String, Object> profile = Json.obj("name", profileName, "username", who.username());
    return Json.obj("profile", profile, "wa_id", who.sharedWaId(), "user_id", who.bsuid());
  }

  /**
   * A status value: sent, delivered, read or failed (with {@code error}). {@code recipient_id} only when the
   * message was sent to a phone number or the number may be shared; {@code recipient_user_id} always,
   * except on a failed status of a send to a phone number; {@code contacts} (with the username) on
   * delivered and read only; failed statuses carry no contacts (Meta, "Business-scoped user IDs").
   */
  public static Map<String, Object> status(BusinessNumber number, String wamid, String status, Instant at,
      CustomerIdentity who, boolean sentToPhone, String bizOpaque, String pricingCategory, ApiFailure error) {
    return status(number, wamid, status, at, who, sentToPhone, bizOpaque, pricingCategory,
        "service".equals(pricingCategory) ? "free_customer_service" : "regular", error);
  }

  /**
   * A status value with an explicit pricing {@code type}: {@code regular}, {@code free_customer_service}
   * (service messages, and utility templates inside an open customer service window) or {@code
   * free_entry_point} (everything inside a free entry point window) (Meta, "Pricing"; status webhook
   * reference: {@code pricing.type}).
   */
  public static Map<String, Object> status(BusinessNumber number, String wamid, String status, Instant at,
      CustomerIdentity who, boolean sentToPhone, String bizOpaque, String pricingCategory, String pricingType,
      ApiFailure error) {
    String recipientId = sentToPhone ? who.waId() : who.sharedWaId();
    boolean failed = error != null;
    Map<String, Object> s = Json.obj("id", wamid, "status", status, "timestamp", epoch(at),
        "recipient_id", recipientId, "recipient_user_id", failed && sentToPhone ? null : who.bsuid(),
        "biz_opaque_callback_data", bizOpaque);
    if (error != null) {
      s.put("errors", List.of(error.toWebhookError()));
    } else if (pricingCategory != null && (status.equals("sent") || status.equals("delivered"))) {
      boolean free = !"regular".equals(pricingType);
      s.put("pricing", Json.obj("billable", !free, "pricing_model", "PMP",
          "type", pricingType, "category", pricingCategory));
    }
    Map<String, Object> value = base(number);
    if (!failed && (status.equals("delivered") || status.equals("read"))) {
      Map<String, Object> c = Json.obj("wa_id", recipientId, "user_id", who.bsuid());
      if (who.username() != null) {
        c.put("profile", Json.obj("username", who.username()));
      }
      value.put("contacts", List.of(c));
    }
    value.put("statuses", List.of(s));
    return value;
  }

  /**
   * A {@code user_id_update} value: the user changed phone number and got a new BSUID. Shape as Cloud API
   * providers forward Meta's payload (not in Meta's public reference): {@code user_id_update[]} items with
   * {@code wa_id}, {@code detail}, {@code user_id{previous,current}} and {@code timestamp}.
   */
  public static Map<String, Object> userIdUpdate(BusinessNumber number, CustomerIdentity before,
      CustomerIdentity after, String profileName, Instant at) {
    Map<String, Object> value = base(number);
    value.put("contacts", List.of(contact(after, profileName)));
    value.put("user_id_update", List.of(Json.obj("wa_id", after.sharedWaId(),
        "detail", "User id for " + profileName + " has been updated.",
        "user_id", Json.obj("previous", before.bsuid(), "current", after.bsuid()), "timestamp", epoch(at))));
    return value;
  }

  /** A value-level {@code errors} webhook (no message or status), as Meta sends for 130429. */
  public static Map<String, Object> errors(BusinessNumber number, ApiFailure error) {
    Map<String, Object> value = base(number);
    value.put("errors", List.of(error.toWebhookError()));
    return value;
  }

  /** Unix seconds as a string, as Meta sends timestamps. */
  public static String epoch(Instant at) {
    return Long.toString(at.getEpochSecond());
  }
}
