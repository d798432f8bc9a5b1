package io.github.whatsapphelpdesk.error;

/**
 * Root of every exception the SDK throws. Unchecked: catch the category you can act on (for example
 * {@link SessionWindowClosedException} or {@link RateLimitException}) and let the rest propagate.
 */
public class WhatsAppException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WhatsAppException(String message) {
    super(message);
  }

  public WhatsAppException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether repeating the same operation later may succeed. */
  public boolean retryable() {
    return false;
  }
}
