package io.github.whatsapphelpdesk.error;

/** The access token is invalid or expired, or a permission or asset grant is missing (0, 190, 3, 10, 200-299, 131005). Alert an operator; retrying will not help. */
public class AuthenticationException extends WhatsAppApiException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(ApiError error) {
    super(error);
  }
}
