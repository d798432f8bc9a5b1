package io.github.whatsapphelpdesk.client.internal;

import io.github.whatsapphelpdesk.client.RetryPolicy;
import io.github.whatsapphelpdesk.ratelimit.OutboundRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.RequestBody;

/**
 * One Graph API call as the executor runs it: method, path below the version, query, body, the
 * limiter request (null when the call does not count against sending), and the retry policy.
 */
public record ApiCall(
    String method, String path, Map<String, String> query, RequestBody body, OutboundRequest limiterRequest,
    RetryPolicy retryPolicy, java.time.Duration limiterTimeout, String logRecipient) {

  /** A GET. */
  public static ApiCall get(String path, Map<String, String> query) {
    return new ApiCall("GET", path, new LinkedHashMap<>(query), null, null, null, null, null);
  }

  /** A DELETE. */
  public static ApiCall delete(String path, Map<String, String> query) {
    return new ApiCall("DELETE", path, new LinkedHashMap<>(query), null, null, null, null, null);
  }

  /** A POST of a JSON tree. */
  public static ApiCall postJson(String path, Object tree) {
    return new ApiCall("POST", path, Map.of(), RequestBody.create(Json.write(tree),
        okhttp3.MediaType.get("application/json; charset=utf-8")), null, null, null, null);
  }

  /** A POST of any body. */
  public static ApiCall post(String path, RequestBody body) {
    return new ApiCall("POST", path, Map.of(), body, null, null, null, null);
  }

  /** With a limiter request. */
  public ApiCall limited(OutboundRequest r, java.time.Duration timeout, String recipient) {
    return new ApiCall(method, path, query, body, r, retryPolicy, timeout, recipient);
  }

  /** With a retry policy override (null keeps the client's). */
  public ApiCall retrying(RetryPolicy p) {
    return new ApiCall(method, path, query, body, limiterRequest, p, limiterTimeout, logRecipient);
  }

  /** GET and DELETE may be retried even when they may have reached Meta. */
  public boolean idempotent() {
    return !"POST".equals(method);
  }
}
