package io.github.whatsapphelpdesk.client;

import java.util.List;
import java.util.Objects;

/**
 * A template message ({@code type: template}). Only APPROVED templates can be sent, in the exact
 * language code they were approved in. Templates are the only messages allowed outside the 24-hour
 * customer-service window.
 *
 * @param name the template name
 * @param languageCode the language code, for example {@code en_US}
 * @param languagePolicy {@code deterministic} or null (the only policy Meta still documents)
 * @param components header, body and button components with their parameters; may be empty
 */
public record TemplateMessage(String name, String languageCode, String languagePolicy, List<TemplateComponent> components)
    implements MessageContent {

  public TemplateMessage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(languageCode, "languageCode");
    components = List.copyOf(components);
  }

  /** A template with components. */
  public static TemplateMessage of(String name, String languageCode, TemplateComponent... components) {
    return new TemplateMessage(name, languageCode, null, List.of(components));
  }

  @Override
  public String type() {
    return "template";
  }
}
