package io.github.whatsapphelpdesk.template;

import java.util.Objects;

/**
 * The key of a template translation: its name and exact language code ({@code en} and {@code en_US}
 * are different translations; Meta matches the code exactly).
 *
 * @param name the template name
 * @param language the language code
 */
public record TemplateKey(String name, String language) {
  public TemplateKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
  }

  /** The key of a template definition. */
  public static TemplateKey of(MessageTemplate t) {
    return new TemplateKey(t.name(), t.language());
  }

  @Override
  public String toString() {
    return name + "/" + language;
  }
}
