package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import java.util.Map;

/**
 * A Graph API error the sandbox answers with: code, optional subcode, HTTP status (per the older
 * status table of the reference), title and details. Thrown inside request handling, rendered by
 * {@link ErrorBodies}.
 */
public final class ApiFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final Integer subcode;
  private final int httpStatus;
  private final String title;
  private final String details;

  public ApiFailure(int code, Integer subcode, String title, String details) {
    super("(#" + code + ") " + title);
    this.code = code;
    this.subcode = subcode;
    this.httpStatus = httpStatusFor(code);
    this.title = title;
    this.details = details;
  }

  /** A failure with the catalogue title for {@code code}. */
  public static ApiFailure of(int code, String details) {
    return new ApiFailure(code, null, ErrorCatalog.title(code), details);
  }

  /** Codes 100 / 131008 / 131009 with details. */
  public static ApiFailure invalidParameter(int code, String details) {
    return of(code, details);
  }

  /** "Unsupported get/post/delete request" for an unknown object id (code 100, subcode 33). */
  public static ApiFailure unknownObject(String method, String id) {
    return new ApiFailure(100, 33, "Unsupported " + method.toLowerCase(java.util.Locale.ROOT)
        + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing"
        + " permissions, or does not support this operation.", null);
  }

  /** The older HTTP status table of the reference (section 7). */
  public static int httpStatusFor(int code) {
    if (code == 0 || code == 190) {
      return 401;
    }
    if (code == 10 || (code >= 200 && code <= 299) || code == 368 || code == 131005 || code == 131031) {
      return 403;
    }
    if (code == 132001) {
      return 404;
    }
    if (code == 3 || code == 131000 || code == 131016 || code == 131045 || code == 131057
        || code == 133000) {
      return 500;
    }
    if (code == 2 || code == 133004) {
      return 503;
    }
    return 400;
  }

  public int code() {
    return code;
  }

  public Integer subcode() {
    return subcode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String title() {
    return title;
  }

  public String details() {
    return details;
  }

  /** The {@code error} object Meta sends for this failure. */
  public Map<String, Object> toErrorObject(String fbtraceId) {
    String message = code == 190 || subcode != null && subcode == 33 ? title : "(#" + code + ") " + title;
    Map<String, Object> error = Json.obj("message", message, "type", "OAuthException", "code", code);
    if (subcode != null) {
      error.put("error_subcode", subcode);
    }
    if (details != null) {
      error.put("error_data", Json.obj("messaging_product", "whatsapp", "details", details));
    }
    error.put("fbtrace_id", fbtraceId);
    return error;
  }

  /** The {@code errors[]} element of a webhook (status or value level) for this failure. */
  public Map<String, Object> toWebhookError() {
    return Json.obj("code", code, "title", title, "message", title,
        "error_data", Json.obj("details", details == null ? title : details),
        "href", "/documentation/business-messaging/whatsapp/support/error-codes");
  }
}
