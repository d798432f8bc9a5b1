package io.github.whatsapphelpdesk.testkit.sandbox;

import java.util.Objects;

/**
 * A business phone number hosted by the sandbox.
 *
 * @param id the phone number id used in paths ({@code /{version}/{id}/messages})
 * @param displayPhoneNumber digits as Meta displays them, e.g. {@code 15550783881}
 * @param verifiedName the display name
 */
public record BusinessNumber(String id, String displayPhoneNumber, String verifiedName) {
  /** Requires all fields. */
  public BusinessNumber {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayPhoneNumber, "displayPhoneNumber");
    Objects.requireNonNull(verifiedName, "verifiedName");
  }
}
