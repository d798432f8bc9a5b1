package io.github.whatsapphelpdesk.error;

/** Meta failed transiently (2, 131000, 131016, 131057, ...). Retryable per {@link ErrorCodes}. */
public class ServerException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public ServerException(ApiError error) {
    super(error);
  }
}
