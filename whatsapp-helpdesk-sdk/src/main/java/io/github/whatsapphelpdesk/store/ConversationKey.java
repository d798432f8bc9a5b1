package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.customer.CustomerId;
import java.util.Objects;

/**
 * The bridge's key for one conversation episode: {@code wa:<phone_number_id>:<customer id>:<episode>}, where
 * the customer id is the customer's stable {@link CustomerId} (a BSUID, or a canonical wa_id for customers
 * first known by number). One helpdesk ticket belongs to one key; the episode increments when that ticket
 * becomes terminal, so the customer's next message opens a new ticket under the next key.
 *
 * @param phoneNumberId the business phone number id (digits)
 * @param customer the customer's stable id
 * @param episode the episode, starting at {@link #FIRST_EPISODE}
 */
public record ConversationKey(String phoneNumberId, CustomerId customer, long episode) {
  /** The episode of a customer's first conversation. */
  public static final long FIRST_EPISODE = 1;

  private static final String PREFIX = "wa:";

  public ConversationKey {
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(customer, "customer");
    if (phoneNumberId.isEmpty() || !phoneNumberId.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("phoneNumberId must be digits");
    }
    if (episode < FIRST_EPISODE) {
      throw new IllegalArgumentException("episode must be >= " + FIRST_EPISODE + ": " + episode);
    }
  }

  /**
   * The key for a customer number in any accepted form ({@code +55 11 ...}, a {@code wa_id}); the number
   * is canonicalised, so variants of one number (Brazil's ninth digit, Mexico's {@code 521}) share a key.
   */
  public static ConversationKey of(String phoneNumberId, String customerNumber, long episode) {
    return new ConversationKey(phoneNumberId, CustomerId.ofPhone(customerNumber), episode);
  }

  /**
   * Parses {@code wa:<phone_number_id>:<customer id>:<episode>}.
   *
   * @throws IllegalArgumentException when the text is not of that form (the message does not echo it,
   *     since it identifies a person)
   */
  public static ConversationKey parse(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a conversation key starts with '" + PREFIX + "'");
    }
    String[] parts = text.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a conversation key has the form wa:<phone_number_id>:<customer id>:<episode>");
    }
    long episode;
    try {
      episode = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the episode of a conversation key must be a number");
    }
    CustomerId customer;
    try {
      customer = new CustomerId(parts[1]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the customer of a conversation key must be a BSUID or wa_id digits");
    }
    return new ConversationKey(parts[0], customer, episode);
  }

  /** The text form, {@code wa:<phone_number_id>:<customer id>:<episode>}; it identifies the customer. */
  public String format() {
    return PREFIX + phoneNumberId + ':' + customer.value() + ':' + episode;
  }

  /** The same conversation's next episode. */
  public ConversationKey nextEpisode() {
    return new ConversationKey(phoneNumberId, customer, episode + 1);
  }

  /** The same conversation at another episode. */
  public ConversationKey withEpisode(long newEpisode) {
    return new ConversationKey(phoneNumberId, customer, newEpisode);
  }

  /** Masks the customer; use {@link #format()} for the real key. */
  @Override
  public String toString() {
    return PREFIX + phoneNumberId + ':' + customer.masked() + ':' + episode;
  }
}
