package io.github.whatsapphelpdesk.freshdesk;

/** Freshdesk's built-in ticket status codes. Custom statuses (6 and up) are kept as raw ints. */
public enum FreshdeskStatus {
  /** 2: open. */
  OPEN(2),
  /** 3: pending (waiting on the customer). */
  PENDING(3),
  /** 4: resolved; can be reopened. */
  RESOLVED(4),
  /** 5: closed. */
  CLOSED(5);

  private final int code;

  FreshdeskStatus(int code) {
    this.code = code;
  }

  /** The numeric code Freshdesk uses in {@code status}. */
  public int code() {
    return code;
  }

  /** The built-in status for a code, or null for a custom status. */
  public static FreshdeskStatus fromCode(int code) {
    for (FreshdeskStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
