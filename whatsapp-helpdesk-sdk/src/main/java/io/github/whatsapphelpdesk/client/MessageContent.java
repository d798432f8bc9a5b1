package io.github.whatsapphelpdesk.client;

/**
 * What a {@link Message} carries: exactly one of the Cloud API message types. Each implementation is
 * an immutable record; the client serialises it to Meta's JSON and validates it locally first.
 */
public sealed interface MessageContent
    permits Text, Media, Location, Contacts, Reaction, Interactive, TemplateMessage {

  /** The Cloud API {@code type} value, for example {@code "text"} or {@code "interactive"}. */
  String type();
}
