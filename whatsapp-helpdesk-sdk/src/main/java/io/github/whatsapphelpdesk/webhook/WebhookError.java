package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.error.ErrorClassification;
import io.github.whatsapphelpdesk.error.ErrorCodes;
import java.util.Objects;

/**
 * One entry of an {@code errors[]} array (value-level, on a failed status, or on an unsupported inbound
 * message), classified through the SDK's one error table ({@link ErrorCodes}).
 *
 * @param code Meta's numeric error code ({@code 0} when absent)
 * @param title the (deprecated) title, or null
 * @param message the message, or null
 * @param details {@code error_data.details}, or null: key your logic on {@link #code} and this
 * @param href the documentation link, or null
 * @param classification the row of {@link ErrorCodes} for {@link #code}
 */
public record WebhookError(
    int code, String title, String message, String details, String href, ErrorClassification classification) {

  public WebhookError {
    Objects.requireNonNull(classification, "classification");
  }

  /** An error classified through {@link ErrorCodes#classify(int)}. */
  public static WebhookError of(int code, String title, String message, String details, String href) {
    return new WebhookError(code, title, message, details, href, ErrorCodes.classify(code));
  }
}
