package io.github.whatsapphelpdesk.session;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * Identifies one customer-service window: the business phone number id and the customer's canonical
 * wa_id ({@link PhoneNumbers#canonicalWaId}), so variants of one number (with or without {@code +},
 * Brazil's ninth digit, Mexico's {@code 521}) share one window. {@link #toString()} masks the number.
 *
 * @param phoneNumberId the business phone number id
 * @param waId the customer's canonical wa_id, digits only (at most 15, E.164)
 */
public record SessionKey(String phoneNumberId, String waId) {

  public SessionKey {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(waId, "waId");
    if (phoneNumberId.isBlank()) {
      throw new ValidationException("Invalid session key", List.of("phoneNumberId is blank"));
    }
    if (!isDigits(waId)) {
      throw new ValidationException("Invalid session key",
          List.of("waId must be 1-15 digits, got " + PhoneNumbers.mask(waId)));
    }
  }

  /** 1 to 15 ASCII digits (a loop, not a stream: this runs on every lookup). */
  private static boolean isDigits(String s) {
    int n = s.length();
    if (n == 0 || n > 15) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The key for any spelling of the customer's number. */
  public static SessionKey of(String phoneNumberId, String anyNumberForm) {
    Objects.requireNonNull(anyNumberForm, "waId");
    return new SessionKey(phoneNumberId, PhoneNumbers.canonicalWaId(anyNumberForm));
  }

  @Override
  public String toString() {
    return "SessionKey[" + phoneNumberId + ", " + PhoneNumbers.mask(waId) + "]";
  }
}
