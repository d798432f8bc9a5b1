package io.github.whatsapphelpdesk.spi;

import java.util.Map;

/**
 * Creates a {@link HelpdeskAdapter} from configuration. Listed in
 * {@code META-INF/services/io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider} so the bridge can find
 * an adapter on the classpath with {@link java.util.ServiceLoader} when none is passed to its builder.
 */
public interface HelpdeskAdapterProvider {

  /** The id of the adapters it creates, matching {@link HelpdeskAdapter#id()}. */
  String id();

  /**
   * Creates an adapter from string settings (for example environment variables with the adapter's
   * prefix removed).
   *
   * @throws IllegalArgumentException naming every missing or invalid setting
   */
  HelpdeskAdapter create(Map<String, String> config);
}
