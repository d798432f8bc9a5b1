package io.github.whatsapphelpdesk.webhook;

import java.util.List;

/**
 * A contact card the customer shared ({@code contacts[]} of a {@code contacts} message).
 *
 * @param formattedName {@code name.formatted_name}, or null
 * @param firstName {@code name.first_name}, or null
 * @param lastName {@code name.last_name}, or null
 * @param company {@code org.company}, or null
 * @param birthday {@code birthday} (YYYY-MM-DD), or null
 * @param phones the phone numbers
 * @param emails the e-mail addresses
 * @param urls the URLs
 */
public record SharedContact(
    String formattedName,
    String firstName,
    String lastName,
    String company,
    String birthday,
    List<Phone> phones,
    List<String> emails,
    List<String> urls) {

  public SharedContact {
    phones = List.copyOf(phones);
    emails = List.copyOf(emails);
    urls = List.copyOf(urls);
  }

  /** Names masked; phones, e-mails and URLs counted, not printed. */
  @Override
  public String toString() {
    return "SharedContact[formattedName=" + io.github.whatsapphelpdesk.customer.Masking.name(formattedName)
        + ", phones=" + phones + ", emails=" + emails.size() + ", urls=" + urls.size() + "]";
  }

  /**
   * A phone number of a shared contact.
   *
   * @param phone the number as typed, or null
   * @param waId its WhatsApp id when it is on WhatsApp, or null
   * @param type the label ({@code CELL}, {@code MOBILE}, {@code HOME}...), or null
   */
  public record Phone(String phone, String waId, String type) {
    /** Numbers masked. */
    @Override
    public String toString() {
      return "Phone[phone=" + io.github.whatsapphelpdesk.customer.Masking.phone(phone) + ", waId="
          + io.github.whatsapphelpdesk.customer.Masking.phone(waId) + ", type=" + type + "]";
    }
  }
}
