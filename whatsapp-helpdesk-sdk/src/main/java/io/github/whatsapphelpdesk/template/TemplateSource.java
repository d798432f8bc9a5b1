package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.client.WhatsAppClient;
import java.util.List;
import java.util.Objects;

/**
 * Where a {@link TemplateRegistry} reads the WABA's templates from. The usual source is {@link
 * #of(WhatsAppClient)}: {@code client.templates().list()}, which follows every page.
 */
@FunctionalInterface
public interface TemplateSource {

  /**
   * Every template of the WABA, every language and status, all pages.
   *
   * @throws io.github.whatsapphelpdesk.error.WhatsAppException when they cannot be read; the registry
   *     then keeps what it holds
   */
  List<MessageTemplate> fetchAll();

  /** The templates of the client's WABA ({@code wabaId} must be set on the client). */
  static TemplateSource of(WhatsAppClient client) {
    Objects.requireNonNull(client, "client");
    return () -> client.templates().list();
  }
}
