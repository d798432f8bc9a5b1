package io.github.whatsapphelpdesk.freshdesk.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.error.HelpdeskAuthenticationException;
import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskNotFoundException;
import io.github.whatsapphelpdesk.error.HelpdeskRateLimitedException;
import io.github.whatsapphelpdesk.error.HelpdeskUnavailableException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Maps Freshdesk's status codes and {@code {description, errors[{field,message,code}]}} bodies to exceptions. */
public final class ErrorMapper {
  private final String adapterId;
  private final JsonAdapter<Dtos.ErrorBody> errors;

  public ErrorMapper(String adapterId, Moshi moshi) {
    this.adapterId = adapterId;
    this.errors = moshi.adapter(Dtos.ErrorBody.class).lenient();
  }

  /** The exception for an unsuccessful answer. {@code what} names the call, never its data. */
  public HelpdeskException map(int status, String body, Duration retryAfter, String what) {
    Dtos.ErrorBody parsed = parse(body);
    List<FieldError> fields = new ArrayList<>();
    String description = what;
    if (parsed != null) {
      if (parsed.description() != null) {
        description = what + ": " + parsed.description();
      } else if (parsed.message() != null) {
        description = what + ": " + parsed.message();
      }
      if (parsed.errors() != null) {
        for (Dtos.ErrorItem e : parsed.errors()) {
          fields.add(new FieldError(e.field(), e.code(), e.message() == null ? "" : e.message()));
        }
      }
    }
    if (status == 429) {
      return new HelpdeskRateLimitedException(adapterId, status, description, retryAfter);
    }
    if (status == 409 || fields.stream().anyMatch(f -> "duplicate_value".equals(f.code()))) {
      return new HelpdeskConflictException(adapterId, status, description + describe(fields));
    }
    if (status == 401 || status == 403) {
      return new HelpdeskAuthenticationException(adapterId, status, description);
    }
    if (status == 404) {
      return new HelpdeskNotFoundException(adapterId, status, description);
    }
    if (status >= 500) {
      return new HelpdeskUnavailableException(adapterId, status, description, null);
    }
    if (status == 400 || status == 422) {
      return new HelpdeskValidationException(adapterId, status, description, fields);
    }
    return new HelpdeskException(adapterId, status, description + describe(fields));
  }

  private static String describe(List<FieldError> fields) {
    StringBuilder sb = new StringBuilder();
    for (FieldError f : fields) {
      sb.append("; ").append(f.field()).append(" [").append(f.code()).append("]: ").append(f.message());
    }
    return sb.toString();
  }

  private Dtos.ErrorBody parse(String body) {
    if (body == null || body.isBlank() || !body.strip().startsWith("{")) {
      return null;
    }
    try {
      return errors.fromJson(body);
    } catch (Exception e) {
      return null;
    }
  }
}
