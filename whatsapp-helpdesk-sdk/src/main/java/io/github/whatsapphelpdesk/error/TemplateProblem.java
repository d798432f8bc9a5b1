package io.github.whatsapphelpdesk.error;

import java.util.Objects;

/**
 * One problem found by the local template check, with the Cloud API code Meta would have answered.
 *
 * @param kind what is wrong
 * @param code the Cloud API error code Meta answers for this kind of problem (132001 not found or not
 *     approved, 132015 paused, 132016 disabled, 132000 parameter count, 132012 parameter format, 131009
 *     parameter value, 132005 hydrated text too long, 100 invalid parameter text)
 * @param path where in the message, for example {@code body}, {@code header.parameters[0]} or
 *     {@code button[1]}; {@code template} for problems with the template itself
 * @param message a sentence a developer or an agent can act on; never contains parameter values
 *     longer than a few characters
 */
public record TemplateProblem(Kind kind, int code, String path, String message) {

  /** The kinds of problem; each has the code Meta uses for it. */
  public enum Kind {
    /** No template of that name in that language is known (132001). */
    NOT_FOUND(132001),
    /** The template exists but is not APPROVED: PENDING, REJECTED, IN_APPEAL... (132001; see {@link #PAUSED}). */
    NOT_APPROVED(132001),
    /** The template is PAUSED for low quality (132015). */
    PAUSED(132015),
    /** The template is DISABLED (132016). */
    DISABLED(132016),
    /** Too many or too few parameters for a component (132000). */
    PARAMETER_COUNT(132000),
    /** Named vs positional mismatch, or a parameter of the wrong type (132012). */
    PARAMETER_FORMAT(132012),
    /** The header media type differs from the template's header format (132012). */
    HEADER_MEDIA(132012),
    /** A currency parameter has the wrong shape (131009). */
    CURRENCY(131009),
    /** A date_time parameter has the wrong shape (131009). */
    DATE_TIME(131009),
    /** A button component does not match the template's buttons by index and sub_type (131009). */
    BUTTON(131009),
    /** A component the template does not have, or given twice (131009). */
    UNEXPECTED_COMPONENT(131009),
    /** Hydrated text over the component's limit (132005), or a parameter over its own limit (100). */
    TEXT_LENGTH(132005),
    /** A text parameter with a new line, a tab or more than 4 consecutive spaces, or empty (100). */
    TEXT_CHARACTERS(100);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The Cloud API code Meta answers for this kind of problem. */
    public int code() {
      return code;
    }
  }

  public TemplateProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with the kind's default code. */
  public static TemplateProblem of(Kind kind, String path, String message) {
    return new TemplateProblem(kind, kind.code(), path, message);
  }

  @Override
  public String toString() {
    return path + ": " + message + " [" + kind + ", code=" + code + "]";
  }
}
