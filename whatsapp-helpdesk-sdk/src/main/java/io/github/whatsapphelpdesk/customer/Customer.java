package io.github.whatsapphelpdesk.customer;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WhatsApp customer: their stable {@link CustomerId}, the identifiers WhatsApp revealed (a BSUID, a
 * phone number, or both) and two attributes (username, profile name). Since 2026-03-31 Meta sends a BSUID
 * with every customer; a customer who adopted a username may have no phone number at all.
 *
 * <p>A webhook gives a customer with its <em>natural</em> id (the BSUID when present, else the phone
 * number); the {@link CustomerDirectory} resolves it to the customer already known, whose id may be an
 * older identifier, and merges what is new. Immutable; {@link #toString()} masks every field.
 *
 * @param id the stable key
 * @param bsuid the business-scoped user id ({@code user_id}, {@code from_user_id}), or null
 * @param parentBsuid the parent BSUID ({@code parent_user_id}), or null
 * @param phone the canonical {@code wa_id} ({@link PhoneNumbers#canonicalWaId}), or null when the number
 *     is withheld
 * @param username the WhatsApp username ({@code profile.username}), or null
 * @param profileName the profile name ({@code profile.name}), or null
 */
public record Customer(CustomerId id, String bsuid, String parentBsuid, String phone, String username,
    String profileName) {

  public Customer {
    Objects.requireNonNull(id, "id");
    if (bsuid != null && !Identifiers.isBsuid(bsuid)) {
      throw new ValidationException("Invalid customer", List.of("bsuid is not a BSUID: " + Masking.bsuid(bsuid)));
    }
    if (parentBsuid != null && !Identifiers.isBsuid(parentBsuid)) {
      throw new ValidationException("Invalid customer",
          List.of("parentBsuid is not a BSUID: " + Masking.bsuid(parentBsuid)));
    }
    if (phone != null) {
      phone = PhoneNumbers.canonicalWaId(phone);
    }
    if (bsuid == null && phone == null) {
      throw new ValidationException("Invalid customer", List.of("a customer needs a BSUID or a phone number"));
    }
    username = blankToNull(username);
    profileName = blankToNull(profileName);
  }

  /**
   * A customer as a webhook or a caller identifies them, with the natural id: the BSUID when known, else
   * the phone number.
   *
   * @param bsuid the BSUID, or null
   * @param phone the phone number in any accepted form, or null
   * @param parentBsuid the parent BSUID, or null
   * @param username the username, or null
   * @param profileName the profile name, or null
   * @throws ValidationException when neither a BSUID nor a phone number is given, or one is malformed
   */
  public static Customer of(String bsuid, String phone, String parentBsuid, String username, String profileName) {
    String b = blankToNull(bsuid);
    String p = blankToNull(phone);
    if (b == null && p == null) {
      throw new ValidationException("Invalid customer", List.of("a customer needs a BSUID or a phone number"));
    }
    CustomerId id = b != null ? CustomerId.ofBsuid(b) : CustomerId.ofPhone(p);
    return new Customer(id, b, blankToNull(parentBsuid), p, username, profileName);
  }

  /** A customer known only by phone number. */
  public static Customer ofPhone(String phone) {
    return of(null, phone, null, null, null);
  }

  /** A customer known only by BSUID. */
  public static Customer ofBsuid(String bsuid) {
    return of(bsuid, null, null, null, null);
  }

  /** The phone number as E.164 with {@code +}, when known. */
  public Optional<String> phoneE164() {
    return phone == null ? Optional.empty() : Optional.of("+" + phone);
  }

  /** True when the phone number is known. */
  public boolean hasPhone() {
    return phone != null;
  }

  /**
   * What to address a message to: the phone number when known (Meta: if both {@code to} and {@code
   * recipient} are given, {@code to} wins; send by BSUID only when no number is known), else the BSUID.
   */
  public String sendAddress() {
    return phone != null ? phone : bsuid;
  }

  /** This customer under another stable id (the directory's choice). */
  public Customer withId(CustomerId newId) {
    return new Customer(newId, bsuid, parentBsuid, phone, username, profileName);
  }

  /**
   * This customer with what {@code newer} knows filled in: identifiers this one lacks, and the newer
   * username and profile name when {@code newer} has them (a customer may rename). {@code bsuid} is
   * taken from {@code newer} when it has one, so a changed BSUID replaces the old. The id is kept.
   */
  public Customer mergedWith(Customer newer) {
    Objects.requireNonNull(newer, "newer");
    return new Customer(id,
        newer.bsuid != null ? newer.bsuid : bsuid,
        newer.parentBsuid != null ? newer.parentBsuid : parentBsuid,
        newer.phone != null ? newer.phone : phone,
        newer.username != null ? newer.username : username,
        newer.profileName != null ? newer.profileName : profileName);
  }

  /** The best name to show an agent: the profile name, the username, or the masked identifier. */
  public String displayName() {
    if (profileName != null) {
      return profileName;
    }
    if (username != null) {
      return username;
    }
    return id.masked();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Every field masked. */
  @Override
  public String toString() {
    return "Customer[id=" + id.masked() + ", bsuid=" + Masking.bsuid(bsuid) + ", phone=" + Masking.phone(phone)
        + ", username=" + Masking.username(username) + ", profileName=" + Masking.name(profileName) + "]";
  }
}
