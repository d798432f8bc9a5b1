package io.github.whatsapphelpdesk.zendesk.internal;

import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskNotFoundException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException.FieldError;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.http.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps Zendesk error answers into the SDK's helpdesk exception hierarchy. */
public final class ZendeskErrors {
  /** The adapter id used in every exception. */
  public static final String ID = "zendesk";

  private ZendeskErrors() {}

  /** True when a 422 body says the ticket is closed. */
  public static boolean isClosedTicket(int status, Map<String, Object> body) {
    if (status != 422) {
      return false;
    }
    for (FieldError e : fieldErrors(body)) {
      if (e.message() != null && e.message().toLowerCase(Locale.ROOT).contains("closed prevents ticket update")) {
        return true;
      }
    }
    return false;
  }

  /** True when a body is Zendesk's {@code IdempotentRequestError}. */
  public static boolean isIdempotencyError(Map<String, Object> body) {
    return "IdempotentRequestError".equals(Json.str(body, "error"));
  }

  /** True when a 422 body says the ticket reached its comment limit. */
  public static boolean isCommentCap(int status, Map<String, Object> body) {
    if (status != 422) {
      return false;
    }
    for (FieldError e : fieldErrors(body)) {
      String m = e.message() == null ? "" : e.message().toLowerCase(Locale.ROOT);
      if (m.contains("comment") && (m.contains("limit") || m.contains("maximum") || m.contains("5000")
          || m.contains("5,000"))) {
        return true;
      }
    }
    return false;
  }

  /** The exception for a non-2xx answer. */
  public static HelpdeskException map(String what, int status, Map<String, Object> body, Duration retryAfter) {
    String error = Json.str(body, "error");
    String description = Json.str(body, "description");
    String msg = what + " failed" + (error != null ? ": " + error : "")
        + (description != null ? " (" + description + ")" : "");
    if (status == 429) {
      return new HelpdeskRateLimitedException(ID, status, msg, retryAfter);
    }
    if (status == 409 || isIdempotencyError(body)) {
      return new HelpdeskConflictException(ID, status, msg);
    }
    if (isClosedTicket(status, body)) {
      return new TerminalTicketException(ID, status, msg);
    }
    if (status == 401 || status == 403) {
      return new HelpdeskAuthenticationException(ID, status, msg);
    }
    if (status == 404) {
      return new HelpdeskNotFoundException(ID, status, msg);
    }
    if (status == 400 || status == 422) {
      return new HelpdeskValidationException(ID, status, msg, fieldErrors(body));
    }
    if (status >= 500) {
      return new HelpdeskUnavailableException(ID, status, msg, null);
    }
    return new HelpdeskException(ID, status, msg);
  }

  /** The field errors of a {@code {"details":{"field":[{"description","error"}]}}} body. */
  @SuppressWarnings("unchecked")
  public static List<FieldError> fieldErrors(Map<String, Object> body) {
    List<FieldError> out = new ArrayList<>();
    Object details = body == null ? null : body.get("details");
    if (details instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = e.getValue();
        if (v instanceof List<?> items) {
          for (Object item : items) {
            if (item instanceof Map<?, ?> m) {
              Map<String, Object> mm = (Map<String, Object>) m;
              out.add(new FieldError(String.valueOf(e.getKey()), Json.str(mm, "error"),
                  String.valueOf(Json.str(mm, "description"))));
            }
          }
        }
      }
    } else if (details instanceof String s) {
      out.add(new FieldError(null, Json.str(body, "error"), s));
    }
    return out;
  }
}
