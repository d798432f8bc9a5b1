package io.github.whatsapphelpdesk.freshdesk;

/** Freshdesk's ticket priority codes. */
public enum FreshdeskPriority {
  /** 1. */
  LOW(1),
  /** 2. */
  MEDIUM(2),
  /** 3. */
  HIGH(3),
  /** 4. */
  URGENT(4);

  private final int code;

  FreshdeskPriority(int code) {
    this.code = code;
  }

  /** The numeric code Freshdesk uses in {@code priority}. */
  public int code() {
    return code;
  }

  /** The priority for a code. */
  public static FreshdeskPriority fromCode(int code) {
    for (FreshdeskPriority p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown Freshdesk priority code " + code + " (1 to 4)");
  }
}
