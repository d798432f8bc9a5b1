package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.BusinessNumber;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds {@code changes[].value} objects shaped like Meta's {@code messages} webhooks. */
public final class WebhookPayloads {
  private WebhookPayloads() {}

  private static Map<String, Object> base(BusinessNumber number) {
    return Json.obj("messaging_product", "whatsapp",
        "metadata", Json.obj("display_phone_number", number.displayPhoneNumber(),
            "phone_number_id", number.id()));
  }

  /**
   * An inbound message value. {@code message} holds the type-specific fields ({@code type},
   * {@code <type>{...}}, optional {@code context}/{@code referral}/{@code errors}); from, id and
   * timestamp are added here. System messages carry no {@code contacts}.
   */
  public static Map<String, Object> inbound(BusinessNumber number, String waId, String profileName,
      String wamid, Instant at, Map<String, Object> message) {
    Map<String, Object> value = base(number);
    if (!"system".equals(message.get("type"))) {
      value.put("contacts", List.of(Json.obj("profile", Json.obj("name", profileName), "wa_id", waId)));
    }
    Map<String, Object> m = Json.obj("from", waId, "id", wamid, "timestamp", epoch(at));
    m.putAll(message);
    value.put("messages", List.of(m));
    return value;
  }

  /** A status value: sent, delivered, read or failed (with {@code error}). */
  public static Map<String, Object> status(BusinessNumber number, String wamid, String status, Instant at,
      String recipientWaId, String bizOpaque, String pricingCategory, ApiFailure error) {
    Map<String, Object> s = Json.obj("id", wamid, "status", status, "timestamp", epoch(at),
        "recipient_id", recipientWaId, "biz_opaque_callback_data", bizOpaque);
    if (error != null) {
      s.put("errors", List.of(error.toWebhookError()));
    } else if (pricingCategory != null && (status.equals("sent") || status.equals("delivered"))) {
      boolean service = pricingCategory.equals("service");
      s.put("pricing", Json.obj("billable", !service, "pricing_model", "PMP",
          "type", service ? "free_customer_service" : "regular", "category", pricingCategory));
    }
    Map<String, Object> value = base(number);
    value.put("statuses", List.of(s));
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
