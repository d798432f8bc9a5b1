package io.github.whatsapphelpdesk.testkit.sandbox.internal;

import io.github.whatsapphelpdesk.error.ErrorCodes;
import java.util.Map;

/** Meta's error titles for the codes the sandbox produces (from Meta's error-code table). */
public final class ErrorCatalog {
  private static final Map<Integer, String> TITLES = Map.ofEntries(
      Map.entry(100, "Invalid parameter"),
      Map.entry(190, "Invalid OAuth access token - Cannot parse access token"),
      Map.entry(130429, "Rate limit hit"),
      Map.entry(131000, "Something went wrong"),
      Map.entry(131008, "Required parameter is missing"),
      Map.entry(131009, "Parameter value is not valid"),
      Map.entry(131026, "Message undeliverable"),
      Map.entry(131047, "Re-engagement message"),
      Map.entry(131049, "This message was not delivered to maintain healthy ecosystem engagement."),
      Map.entry(131050, "Unable to deliver the message. This recipient has chosen to stop receiving"
          + " marketing messages on WhatsApp from your business"),
      Map.entry(131051, "Message type unknown"),
      Map.entry(131053, "Media upload error"),
      Map.entry(131056, "(Business Account, Consumer Account) pair rate limit hit"),
      Map.entry(132000, "Number of parameters does not match the expected number of params"),
      Map.entry(132001, "Template name does not exist in the translation"),
      Map.entry(132012, "Parameter format does not match format in the created template"),
      Map.entry(132015, "Template is Paused"),
      Map.entry(132016, "Template is Disabled"));

  private ErrorCatalog() {}

  /** Meta's title for {@code code}, or a generic one for codes outside the catalogue. */
  public static String title(int code) {
    String title = TITLES.get(code);
    if (title != null) {
      return title;
    }
    return ErrorCodes.isKnown(code) ? ErrorCodes.classify(code).meaning() : "Error " + code;
  }
}
