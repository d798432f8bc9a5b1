package io.github.whatsapphelpdesk.examples;

import java.util.List;

/** The configuration is missing or invalid; the message names every problem, never a secret's value. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming the setting. */
  public List<String> problems() {
    return problems;
  }
}
