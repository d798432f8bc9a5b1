package io.github.whatsapphelpdesk.error;

/**
 * The fields of a Cloud API error body,
 * {@code {"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}}.
 *
 * @param httpStatus the HTTP status of the answer, or {@code 0} when the error did not come from an
 *     HTTP answer (a status webhook, or a local check that raises the same exception)
 * @param code the numeric error code
 * @param subcode {@code error_subcode}, or null (Meta says it is not returned since v16, yet examples
 *     still show it)
 * @param type the error type, for example {@code OAuthException}; may be null
 * @param message Meta's message; may be null
 * @param details {@code error_data.details}; may be null
 * @param fbtraceId {@code fbtrace_id}, to quote to Meta support; may be null
 */
public record ApiError(
    int httpStatus, int code, Integer subcode, String type, String message, String details, String fbtraceId) {

  /** An error raised locally or read from a webhook: no HTTP status, no trace id. */
  public static ApiError of(int code, String message, String details) {
    return new ApiError(0, code, null, null, message, details, null);
  }
}
