package io.github.whatsapphelpdesk.client;

import io.github.whatsapphelpdesk.customer.Masking;
import java.util.List;
import java.util.Objects;

/**
 * One contact card. Only {@code name.formattedName} is required; lists may be empty.
 *
 * @param name the name
 * @param birthday {@code YYYY-MM-DD}, or null
 * @param phones phone numbers
 * @param emails e-mail addresses
 * @param addresses postal addresses
 * @param org the organisation, or null
 * @param urls web addresses
 */
public record Contact(
    Name name, String birthday, List<Phone> phones, List<Email> emails, List<Address> addresses, Org org,
    List<Url> urls) {

  public Contact {
    Objects.requireNonNull(name, "name");
    phones = List.copyOf(phones);
    emails = List.copyOf(emails);
    addresses = List.copyOf(addresses);
    urls = List.copyOf(urls);
  }

  /** A card with a formatted name and phone numbers only. */
  public static Contact of(String formattedName, Phone... phones) {
    return new Contact(Name.of(formattedName), null, List.of(phones), List.of(), List.of(), null, List.of());
  }

  /** The name; {@code formattedName} is required, the rest may be null. */
  public record Name(
      String formattedName, String firstName, String lastName, String middleName, String suffix, String prefix) {
    /** Only a formatted name. */
    public static Name of(String formattedName) {
      return new Name(formattedName, null, null, null, null, null);
    }
  }

  /** A phone number; {@code type} (HOME, WORK, ...) and {@code waId} may be null. */
  public record Phone(String phone, String type, String waId) {}

  /** An e-mail address; {@code type} may be null. */
  public record Email(String email, String type) {}

  /** A postal address; every field may be null. */
  public record Address(
      String street, String city, String state, String zip, String country, String countryCode, String type) {}

  /** The organisation; every field may be null. */
  public record Org(String company, String department, String title) {}

  /** A web address; {@code type} may be null. */
  public record Url(String url, String type) {}

  /** Every personal field masked: the name's initial, phone numbers masked, other fields as counts. */
  @Override
  public String toString() {
    return "Contact[name=" + Masking.name(name.formattedName()) + ", phones="
        + phones.stream().map(p -> Masking.phone(p.phone())).toList() + ", emails=" + emails.size()
        + ", addresses=" + addresses.size() + ", org=" + (org == null ? "<none>" : "<org>") + ", urls=" + urls.size()
        + "]";
  }
}
