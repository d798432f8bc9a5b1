package io.github.whatsapphelpdesk.error;

import java.util.List;

/** The helpdesk rejected the request's content (400/422 with field errors). Not retryable unchanged. */
public class HelpdeskValidationException extends HelpdeskException {
  private static final long serialVersionUID = 1L;
  private final List<FieldError> fieldErrors;

  /**
   * One field-level problem as the helpdesk reported it.
   *
   * @param field the field name, or null for a problem with the whole record
   * @param code the helpdesk's machine-readable code (for example {@code invalid_value}), or null
   * @param message the helpdesk's message
   */
  public record FieldError(String field, String code, String message) {}

  public HelpdeskValidationException(String adapterId, int httpStatus, String message, List<FieldError> fieldErrors) {
    super(adapterId, httpStatus, message + describe(fieldErrors));
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  private static String describe(List<FieldError> errors) {
    StringBuilder sb = new StringBuilder();
    for (FieldError e : errors) {
      sb.append("; ").append(e.field() == null ? "(record)" : e.field());
      if (e.code() != null) {
        sb.append(" [").append(e.code()).append(']');
      }
      sb.append(": ").append(e.message());
    }
    return sb.toString();
  }

  /** The field errors, possibly empty. */
  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
