package io.github.whatsapphelpdesk.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Meta answered with an error. Keeps the numeric {@link #code()}, {@link #subcode()},
 * {@link #details()} and {@link #fbtraceId()}; {@link #classification()} says what the code means and
 * what to do about it. Subclasses exist per {@link ErrorCategory}; {@link #from(ApiError, Duration)}
 * picks the right one through {@link ErrorCodes}.
 */
public class WhatsAppApiException extends WhatsAppException {
  private static final long serialVersionUID = 1L;
  private final ApiError error;
  private final transient ErrorClassification classification;

  public WhatsAppApiException(ApiError error) {
    super(describe(error));
    this.error = Objects.requireNonNull(error, "error");
    this.classification = ErrorCodes.classify(error.code());
  }

  /**
   * Builds the exception of the right category for an error. {@code retryAfter} is the server's hint
   * (the {@code Retry-After} header), or null; it is kept on {@link RateLimitException}.
   */
  public static WhatsAppApiException from(ApiError error, Duration retryAfter) {
    ErrorClassification c = ErrorCodes.classify(error.code());
    return switch (c.category()) {
      case AUTHENTICATION -> new AuthenticationException(error);
      case INVALID_REQUEST -> new InvalidRequestException(error);
      case RATE_LIMITED -> new RateLimitException(error, retryAfter);
      case WINDOW_CLOSED -> new SessionWindowClosedException(error);
      case TEMPLATE -> new TemplateException(error);
      case RECIPIENT -> new RecipientException(error);
      case POLICY_OR_ACCOUNT -> new PolicyException(error);
      case SERVER -> new ServerException(error);
      case CLIENT, UNKNOWN -> new WhatsAppApiException(error);
    };
  }

  private static String describe(ApiError e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.message() != null ? e.message() : ErrorCodes.classify(e.code()).meaning());
    sb.append(" [code=").append(e.code());
    if (e.subcode() != null) {
      sb.append(", subcode=").append(e.subcode());
    }
    sb.append(", category=").append(ErrorCodes.classify(e.code()).category());
    if (e.httpStatus() != 0) {
      sb.append(", http=").append(e.httpStatus());
    }
    if (e.details() != null && !e.details().isEmpty()) {
      sb.append(", details=").append(e.details());
    }
    if (e.fbtraceId() != null) {
      sb.append(", fbtrace_id=").append(e.fbtraceId());
    }
    return sb.append(']').toString();
  }

  /** The raw error fields. */
  public ApiError error() {
    return error;
  }

  /** The HTTP status, or 0 when the error was not an HTTP answer (webhook or local check). */
  public int httpStatus() {
    return error.httpStatus();
  }

  /** The Cloud API error code. */
  public int code() {
    return error.code();
  }

  /** {@code error_subcode}, when present. */
  public Optional<Integer> subcode() {
    return Optional.ofNullable(error.subcode());
  }

  /** {@code error_data.details}, when present. */
  public Optional<String> details() {
    return Optional.ofNullable(error.details());
  }

  /** {@code fbtrace_id}, when present. */
  public Optional<String> fbtraceId() {
    return Optional.ofNullable(error.fbtraceId());
  }

  /** The row of {@link ErrorCodes} for this code. */
  public ErrorClassification classification() {
    return classification != null ? classification : ErrorCodes.classify(error.code());
  }

  /** The category. */
  public ErrorCategory category() {
    return classification().category();
  }

  /** What to do about it. */
  public ErrorAction action() {
    return classification().action();
  }

  @Override
  public boolean retryable() {
    return classification().retryable();
  }
}
