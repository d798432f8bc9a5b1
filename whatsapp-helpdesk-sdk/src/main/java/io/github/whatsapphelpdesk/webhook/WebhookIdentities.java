package io.github.whatsapphelpdesk.webhook;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.customer.Customer;
import io.github.whatsapphelpdesk.customer.Identifiers;
import io.github.whatsapphelpdesk.customer.Masking;
import io.github.whatsapphelpdesk.error.ValidationException;

/**
 * Builds a {@link Customer} from the identifiers a webhook item carries, leniently: an identifier that is
 * malformed (a {@code user_id} that is not a BSUID, a {@code wa_id} that is not a phone number) is left
 * out instead of failing, so a webhook event never throws from an accessor. Stateless and thread-safe.
 */
public final class WebhookIdentities {
  private WebhookIdentities() {}

  /**
   * The customer these identifiers describe, or null when neither a valid BSUID nor a valid phone number
   * is among them.
   *
   * @param bsuid {@code user_id} / {@code from_user_id} / {@code recipient_user_id}, or null
   * @param phone {@code wa_id} / {@code from} / {@code recipient_id}, or null
   * @param parentBsuid {@code parent_user_id}, or null
   * @param username {@code profile.username}, or null
   * @param profileName {@code profile.name}, or null
   */
  public static Customer customerOrNull(String bsuid, String phone, String parentBsuid, String username,
      String profileName) {
    String b = Identifiers.isBsuid(bsuid) ? bsuid : null;
    String p = isPhone(phone) ? phone : null;
    if (b == null && p == null) {
      return null;
    }
    String parent = Identifiers.isBsuid(parentBsuid) ? parentBsuid : null;
    return Customer.of(b, p, parent, username, profileName);
  }

  /** True when {@code s} is a phone number or wa_id {@link PhoneNumbers#canonicalWaId} accepts. Never throws. */
  public static boolean isPhone(String s) {
    if (s == null || s.isBlank()) {
      return false;
    }
    if (Identifiers.isWaId(s)) {
      return true; // the form Meta sends: no parsing, no allocation (this runs for every webhook item)
    }
    try {
      PhoneNumbers.canonicalWaId(s);
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }

  /** A text's length instead of the text, for {@code toString}: {@code "<none>"} or {@code "<12 chars>"}. */
  static String len(String s) {
    return s == null ? "<none>" : "<" + s.length() + " chars>";
  }

  /** Masks an identifier field for {@code toString}. */
  static String id(String s) {
    return Masking.identifier(s);
  }
}
