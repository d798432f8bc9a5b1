package io.github.whatsapphelpdesk.client;

import java.util.List;

/**
 * Contact cards ({@code type: contacts}); 1 to 5 contacts.
 *
 * @param contacts the cards
 */
public record Contacts(List<Contact> contacts) implements MessageContent {
  public Contacts {
    contacts = List.copyOf(contacts);
  }

  /** Contacts from cards. */
  public static Contacts of(Contact... contacts) {
    return new Contacts(List.of(contacts));
  }

  @Override
  public String type() {
    return "contacts";
  }
}
