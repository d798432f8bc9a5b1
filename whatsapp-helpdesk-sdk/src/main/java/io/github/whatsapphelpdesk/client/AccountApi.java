package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.client.internal.ApiCall;
import io.github.whatsapphelpdesk.client.internal.ApiExecutor;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.http.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Account health: the phone number's fields, the WABA's numbers, its webhook subscriptions and
 * {@code debug_token}. Thread-safe.
 */
public final class AccountApi {
  /** The fields asked for a phone number. */
  public static final String PHONE_FIELDS = "id,display_phone_number,verified_name,quality_rating,status,"
      + "name_status,code_verification_status,platform_type,throughput,"
      + "whatsapp_business_manager_messaging_limit,account_mode,is_official_business_account,is_on_biz_app,"
      + "health_status";
  private static final int MAX_PAGES = 1000;

  private final ApiExecutor executor;
  private final String phoneNumberId;
  private final String wabaId;

  AccountApi(ApiExecutor executor, String phoneNumberId, String wabaId) {
    this.executor = executor;
    this.phoneNumberId = phoneNumberId;
    this.wabaId = wabaId;
  }

  /** The client's phone number. */
  public PhoneNumberInfo phoneNumber() {
    return phoneNumber(phoneNumberId);
  }

  /** One phone number by id. */
  public PhoneNumberInfo phoneNumber(String id) {
    Objects.requireNonNull(id, "id");
    return parsePhone(executor.execute(ApiCall.get(id, Map.of("fields", PHONE_FIELDS)).named("phone_numbers")));
  }

  /** Every phone number of the WABA, following every page. */
  public List<PhoneNumberInfo> phoneNumbers() {
    if (wabaId == null) {
      throw new IllegalStateException("listing phone numbers needs the WABA id: set wabaId(...) on the builder");
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("fields", PHONE_FIELDS);
    List<PhoneNumberInfo> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, Object> r = executor.execute(ApiCall.get(wabaId + "/phone_numbers", q));
      Json.objs(r, "data").forEach(p -> out.add(parsePhone(p)));
      Map<String, Object> paging = Json.obj(r, "paging");
      String after = Json.str(Json.obj(paging, "cursors"), "after");
      if (Json.str(paging, "next") == null || after == null || !seen.add(after)) {
        return out;
      }
      q.put("after", after);
    }
    throw new SerializationException("phone number paging did not end after " + MAX_PAGES + " pages");
  }

  /**
   * The apps subscribed to the WABA's webhooks, {@code GET /{waba-id}/subscribed_apps}. An empty list
   * means no app is subscribed: Meta then sends no webhooks for the WABA (subscribe with
   * {@code POST /{waba-id}/subscribed_apps}).
   *
   * @throws IllegalStateException when the client has no WABA id
   * @throws SerializationException when the answer has no {@code data} array or an entry has no app id
   */
  public List<SubscribedApp> subscribedApps() {
    if (wabaId == null) {
      throw new IllegalStateException("listing subscribed apps needs the WABA id: set wabaId(...) on the builder");
    }
    Map<String, Object> r = executor.execute(ApiCall.get(wabaId + "/subscribed_apps", Map.of()));
    if (!(r.get("data") instanceof List)) {
      throw new SerializationException("the subscribed_apps answer has no data array");
    }
    List<SubscribedApp> out = new ArrayList<>();
    for (Map<String, Object> entry : Json.objs(r, "data")) {
      Map<String, Object> app = Json.obj(entry, "whatsapp_business_api_data");
      if (Json.str(app, "id") == null) {
        throw new SerializationException("a subscribed_apps entry has no whatsapp_business_api_data.id");
      }
      out.add(new SubscribedApp(Json.str(app, "id"), Json.str(app, "name"), Json.str(app, "link")));
    }
    return List.copyOf(out);
  }

  /**
   * Inspects an access token with {@code GET /debug_token?input_token=}. The call itself uses the
   * client's token (an app or system-user token).
   */
  public TokenInfo debugToken(String inputToken) {
    Objects.requireNonNull(inputToken, "inputToken");
    Map<String, Object> d = Json.obj(executor.execute(ApiCall.get("debug_token", Map.of("input_token", inputToken))), "data");
    if (d.isEmpty()) {
      throw new SerializationException("the debug_token answer has no data");
    }
    Long exp = Json.lng(d, "expires_at");
    return new TokenInfo(Json.str(d, "app_id"), Json.str(d, "type"), Boolean.TRUE.equals(Json.bool(d, "is_valid")),
        exp == null || exp == 0 ? null : Instant.ofEpochSecond(exp), Json.strs(d, "scopes"),
        Json.objs(d, "granular_scopes").stream()
            .map(g -> new TokenInfo.GranularScope(Json.str(g, "scope"), Json.strs(g, "target_ids"))).toList());
  }

  static PhoneNumberInfo parsePhone(Map<String, Object> p) {
    if (Json.str(p, "id") == null) {
      throw new SerializationException("the phone number answer has no id");
    }
    HealthStatus health = null;
    if (p.get("health_status") instanceof Map) {
      Map<String, Object> h = Json.obj(p, "health_status");
      health = new HealthStatus(HealthStatus.CanSend.parse(Json.str(h, "can_send_message")),
          Json.objs(h, "entities").stream().map(e -> new HealthStatus.Entity(Json.str(e, "entity_type"),
              Json.str(e, "id"), HealthStatus.CanSend.parse(Json.str(e, "can_send_message")),
              Json.strs(e, "additional_info"),
              Json.objs(e, "errors").stream().map(x -> new HealthStatus.Problem(
                  Json.lng(x, "error_code") == null ? 0 : Json.lng(x, "error_code").intValue(),
                  Json.str(x, "error_description"), Json.str(x, "possible_solution"))).toList())).toList());
    }
    Object limit = p.get("whatsapp_business_manager_messaging_limit");
    String messagingLimit = limit instanceof Map<?, ?> lm && lm.get("current_limit") != null
        ? String.valueOf(lm.get("current_limit")) : Json.str(p, "whatsapp_business_manager_messaging_limit");
    return new PhoneNumberInfo(Json.str(p, "id"), Json.str(p, "display_phone_number"), Json.str(p, "verified_name"),
        PhoneNumberInfo.QualityRating.parse(Json.str(p, "quality_rating")),
        PhoneNumberInfo.Status.parse(Json.str(p, "status")), Json.str(p, "name_status"),
        Json.str(p, "code_verification_status"), Json.str(p, "platform_type"),
        Json.str(Json.obj(p, "throughput"), "level"), messagingLimit, Json.str(p, "account_mode"),
        Json.bool(p, "is_official_business_account"), Json.bool(p, "is_on_biz_app"), health);
  }
}
