package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.client.RetryPolicy;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.RequestBody;

/**
 * One Graph API call as the executor runs it: method, path below the version, query, body, the
 * limiter request (null when the call does not count against sending), the retry policy, and the
 * bounded operation name reported to {@code SdkListener#apiCall} (null: derived from the path).
 */
public record ApiCall(
    String method, String path, Map<String, String> query, RequestBody body, OutboundRequest limiterRequest,
    RetryPolicy retryPolicy, java.time.Duration limiterTimeout, String logRecipient, String operationName) {

  /** A GET. */
  public static ApiCall get(String path, Map<String, String> query) {
    return new ApiCall("GET", path, new LinkedHashMap<>(query), null, null, null, null, null, null);
  }

  /** A DELETE. */
  public static ApiCall delete(String path, Map<String, String> query) {
    return new ApiCall("DELETE", path, new LinkedHashMap<>(query), null, null, null, null, null, null);
  }

  /** A POST of a JSON tree. */
  public static ApiCall postJson(String path, Object tree) {
    return new ApiCall("POST", path, Map.of(), RequestBody.create(Json.write(tree),
        okhttp3.MediaType.get("application/json; charset=utf-8")), null, null, null, null, null);
  }

  /** A POST of any body. */
  public static ApiCall post(String path, RequestBody body) {
    return new ApiCall("POST", path, Map.of(), body, null, null, null, null, null);
  }

  /** With a limiter request. */
  public ApiCall limited(OutboundRequest r, java.time.Duration timeout, String recipient) {
    return new ApiCall(method, path, query, body, r, retryPolicy, timeout, recipient, operationName);
  }

  /** With a retry policy override (null keeps the client's). */
  public ApiCall retrying(RetryPolicy p) {
    return new ApiCall(method, path, query, body, limiterRequest, p, limiterTimeout, logRecipient, operationName);
  }

  /**
   * Names the operation for {@code SdkListener#apiCall}, for paths that are only an id (a media or
   * template id, a phone number id). The name must be bounded: an endpoint name, never an id.
   */
  public ApiCall named(String operation) {
    return new ApiCall(method, path, query, body, limiterRequest, retryPolicy, limiterTimeout, logRecipient, operation);
  }

  /**
   * The bounded operation name: the explicit one, else the path's last segment that is an endpoint name
   * (lowercase letters and underscores: {@code messages}, {@code media}, {@code phone_numbers}), with
   * {@code message_templates} reported as {@code templates}; {@code node} when every segment is an id.
   */
  public String operation() {
    if (operationName != null) {
      return operationName;
    }
    String[] segments = path.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (segments[i].matches("[a-z_]+")) {
        return "message_templates".equals(segments[i]) ? "templates" : segments[i];
      }
    }
    return "node";
  }

  /** GET and DELETE may be retried even when they may have reached Meta. */
  public boolean idempotent() {
    return !"POST".equals(method);
  }
}
