package io.github.whatsapphelpdesk.customer;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * The stable key of one customer for a business: their BSUID ({@code US.13491208655302741918}) or, for a
 * customer first seen before BSUIDs (or known only by number), their canonical {@code wa_id}
 * ({@link PhoneNumbers#canonicalWaId}). Conversations, session windows, the suppression list, the
 * limiter's pair rate and the helpdesk contact's external id are keyed by it.
 *
 * <p>Once assigned, a customer keeps their id: the {@link CustomerDirectory} maps a BSUID seen later (or a
 * new BSUID after a phone-number change, {@code user_id_update}) to the id already in use, so the helpdesk
 * contact and the open conversation stay the same.
 *
 * <p>The text form never contains {@code ':'}, so it can sit inside composite keys. {@link #toString()}
 * masks it; {@link #value()} is the real key.
 *
 * @param value the BSUID or canonical wa_id
 */
public record CustomerId(String value) {

  public CustomerId {
    Objects.requireNonNull(value, "value");
    if (!Identifiers.isBsuid(value) && !Identifiers.isWaId(value)) {
      throw new ValidationException("Invalid customer id",
          List.of("a customer id is a BSUID (CC.alphanumerics) or a wa_id (8-15 digits), got "
              + Masking.identifier(value)));
    }
  }

  /** The id of a customer known by this BSUID (parent BSUIDs, {@code CC.ENT.…}, are accepted too). */
  public static CustomerId ofBsuid(String bsuid) {
    Objects.requireNonNull(bsuid, "bsuid");
    if (!Identifiers.isBsuid(bsuid)) {
      throw new ValidationException("Invalid BSUID",
          List.of("a BSUID is a two-letter country code, a dot and up to 128 letters, digits or dots, got "
              + Masking.identifier(bsuid)));
    }
    return new CustomerId(bsuid);
  }

  /** The id of a customer known by this number, in any form {@link PhoneNumbers#canonicalWaId} accepts. */
  public static CustomerId ofPhone(String anyNumberForm) {
    return new CustomerId(PhoneNumbers.canonicalWaId(anyNumberForm));
  }

  /**
   * Parses a stored key: a BSUID as it is, anything else as a phone number.
   *
   * @throws ValidationException when it is neither
   */
  public static CustomerId parse(String text) {
    Objects.requireNonNull(text, "text");
    if (Identifiers.isBsuid(text)) {
      return new CustomerId(text);
    }
    try {
      return ofPhone(text);
    } catch (ValidationException notAPhone) {
      // Name both forms: "the phone number contains 'U'" would mislead for a malformed BSUID.
      throw new ValidationException("Invalid customer id",
          List.of("a customer id is a BSUID (CC.alphanumerics) or a phone number, got " + Masking.identifier(text)
              + " (" + String.join("; ", notAPhone.violations()) + ")"));
    }
  }

  /** True when the key is a BSUID. */
  public boolean isBsuid() {
    return !Identifiers.isWaId(value);
  }

  /** True when the key is a phone number ({@code wa_id}). */
  public boolean isPhone() {
    return Identifiers.isWaId(value);
  }

  /** The masked form for logs. */
  public String masked() {
    return Masking.identifier(value);
  }

  /** Masked: a customer id identifies a person. */
  @Override
  public String toString() {
    return "CustomerId[" + masked() + "]";
  }
}
