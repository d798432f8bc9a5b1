package io.github.whatsapphelpdesk.session;

import io.github.whatsapphelpdesk.customer.CustomerId;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * Identifies one customer-service window: the business phone number id and the customer's stable
 * {@link CustomerId}: their BSUID, or their canonical wa_id (so variants of one number, with or without
 * {@code +}, Brazil's ninth digit, Mexico's {@code 521}, share one window). A username customer whose
 * number is withheld has a window like any other. {@link #toString()} masks the customer.
 *
 * @param phoneNumberId the business phone number id
 * @param customer the customer's stable id
 */
public record SessionKey(String phoneNumberId, CustomerId customer) {

  /** @throws ValidationException when {@code phoneNumberId} is blank */
  public SessionKey {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(customer, "customer");
    if (phoneNumberId.isBlank()) {
      throw new ValidationException("Invalid session key", List.of("phoneNumberId is blank"));
    }
  }

  /** The key of a customer's window on a business number. */
  public static SessionKey of(String phoneNumberId, CustomerId customer) {
    return new SessionKey(phoneNumberId, customer);
  }

  @Override
  public String toString() {
    return "SessionKey[" + phoneNumberId + ", " + customer.masked() + "]";
  }
}
