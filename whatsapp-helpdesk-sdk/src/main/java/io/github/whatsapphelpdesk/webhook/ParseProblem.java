package io.github.whatsapphelpdesk.webhook;

import java.util.Objects;

/**
 * One item of a batch that could not become an event (for example a message without an {@code id}, or
 * a field of the wrong JSON type). The other items of the batch are unaffected. The raw JSON of the item
 * is kept so it can be dead-lettered; never log it (customer data).
 *
 * @param location a JSON path to the item, for example {@code $.entry[0].changes[1].value.messages[3]}
 * @param message what is wrong with it
 * @param rawJson the item exactly as received
 */
public record ParseProblem(String location, String message, String rawJson) {
  public ParseProblem {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(rawJson, "rawJson");
  }

  @Override
  public String toString() {
    // No raw JSON: customer data.
    return "ParseProblem[" + location + ": " + message + "]";
  }
}
