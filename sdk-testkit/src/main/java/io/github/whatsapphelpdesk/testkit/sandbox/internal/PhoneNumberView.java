package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.testkit.sandbox.BusinessNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code WhatsAppBusinessPhoneNumber} node: {@code GET /{phone-number-id}?fields=...}. */
public final class PhoneNumberView {
  private static final List<String> DEFAULT_FIELDS = List.of("verified_name", "code_verification_status",
      "display_phone_number", "quality_rating", "platform_type", "throughput", "id");

  private PhoneNumberView() {}

  /** The node with the requested comma-separated fields (id always); 100 for an unknown field. */
  public static Map<String, Object> render(BusinessNumber n, String wabaId, int mps, String fieldsParam) {
    Map<String, Object> all = all(n, wabaId, mps);
    List<String> fields = fieldsParam == null || fieldsParam.isBlank()
        ? DEFAULT_FIELDS : List.of(fieldsParam.split("\\s*,\\s*"));
    Map<String, Object> out = new LinkedHashMap<>();
    for (String f : fields) {
      if (!all.containsKey(f)) {
        throw new ApiFailure(100, null, "Tried accessing nonexisting field (" + f
            + ") on node type (WhatsAppBusinessPhoneNumber)", null);
      }
      out.put(f, all.get(f));
    }
    out.put("id", n.id());
    return out;
  }

  /** GET /{waba-id}/phone_numbers. */
  public static Map<String, Object> list(List<BusinessNumber> numbers, String wabaId, int mps, String fields) {
    List<Object> data = new ArrayList<>();
    for (BusinessNumber n : numbers) {
      data.add(render(n, wabaId, mps, fields));
    }
    Map<String, Object> result = Json.obj("data", data);
    if (!data.isEmpty()) {
      result.put("paging", Json.obj("cursors", Json.obj("before", TemplateStore.encodeCursor(0),
          "after", TemplateStore.encodeCursor(data.size() - 1))));
    }
    return result;
  }

  private static Map<String, Object> all(BusinessNumber n, String wabaId, int mps) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id());
    m.put("display_phone_number", n.displayPhoneNumber());
    m.put("verified_name", n.verifiedName());
    m.put("quality_rating", "GREEN");
    m.put("status", "CONNECTED");
    m.put("code_verification_status", "VERIFIED");
    m.put("name_status", "APPROVED");
    m.put("platform_type", "CLOUD_API");
    m.put("throughput", Json.obj("level", mps > 80 ? "HIGH" : "STANDARD"));
    m.put("whatsapp_business_manager_messaging_limit", "TIER_2K");
    m.put("account_mode", "LIVE");
    m.put("is_official_business_account", false);
    m.put("is_on_biz_app", false);
    m.put("health_status", Json.obj("can_send_message", "AVAILABLE", "entities", List.of(
        Json.obj("entity_type", "PHONE_NUMBER", "id", n.id(), "can_send_message", "AVAILABLE"),
        Json.obj("entity_type", "WABA", "id", wabaId, "can_send_message", "AVAILABLE"))));
    return m;
  }
}
