package io.github.whatsapphelpdesk.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link HelpdeskAdapter} to use: the one passed in wins; otherwise the
 * {@link HelpdeskAdapterProvider}s on the class path are looked up with {@link ServiceLoader}, and the one
 * named by the {@value #ADAPTER_ID_KEY} setting, or else the only one found, creates the adapter.
 */
public final class HelpdeskAdapters {
  /** The setting that names the provider to use when several are on the class path. */
  public static final String ADAPTER_ID_KEY = "adapter";

  private HelpdeskAdapters() {}

  /**
   * Resolves the adapter.
   *
   * @param explicit an adapter built by the caller, or null to discover one
   * @param classLoader where to look for providers, or null for the thread's context class loader
   * @param config settings passed to the provider's {@link HelpdeskAdapterProvider#create}; its
   *     {@value #ADAPTER_ID_KEY} entry, when present, selects the provider by id
   * @throws IllegalStateException when no provider is found, when several are found and none is selected,
   *     or when the selected id matches none (or several); the message lists what was found
   * @throws IllegalArgumentException from the provider, naming invalid settings
   */
  public static HelpdeskAdapter resolve(HelpdeskAdapter explicit, ClassLoader classLoader,
      Map<String, String> config) {
    Objects.requireNonNull(config, "config");
    if (explicit != null) {
      return explicit;
    }
    List<HelpdeskAdapterProvider> found = providers(classLoader);
    String wanted = config.get(ADAPTER_ID_KEY);
    List<HelpdeskAdapterProvider> candidates = found;
    if (wanted != null && !wanted.isBlank()) {
      candidates = found.stream().filter(p -> p.id().equals(wanted.trim())).toList();
      if (candidates.isEmpty()) {
        throw new IllegalStateException("No helpdesk adapter provider with id '" + wanted.trim()
            + "' (setting '" + ADAPTER_ID_KEY + "'); found: " + describe(found)
            + ". Add the adapter's module (for example sdk-zendesk) to the class path or fix the id.");
      }
    }
    if (candidates.isEmpty()) {
      throw new IllegalStateException("No helpdesk adapter: none was passed to the builder and no "
          + HelpdeskAdapterProvider.class.getName() + " was found with ServiceLoader. Add an adapter module"
          + " (sdk-zendesk, sdk-freshdesk) to the class path or pass an adapter, for example the in-memory"
          + " one for a demo.");
    }
    if (candidates.size() > 1) {
      throw new IllegalStateException("Several helpdesk adapter providers found: " + describe(candidates)
          + ". Pass an adapter to the builder, or set '" + ADAPTER_ID_KEY + "' to one of these ids.");
    }
    HelpdeskAdapterProvider provider = candidates.get(0);
    return Objects.requireNonNull(provider.create(config),
        () -> "provider " + provider.getClass().getName() + " returned no adapter");
  }

  /**
   * The providers {@link ServiceLoader} finds, in class path order.
   *
   * @throws IllegalStateException when a listed provider cannot be loaded
   */
  public static List<HelpdeskAdapterProvider> providers(ClassLoader classLoader) {
    ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
    List<HelpdeskAdapterProvider> out = new ArrayList<>();
    try {
      for (HelpdeskAdapterProvider p : ServiceLoader.load(HelpdeskAdapterProvider.class, loader)) {
        out.add(p);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("A helpdesk adapter provider could not be loaded: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }

  private static String describe(List<HelpdeskAdapterProvider> providers) {
    if (providers.isEmpty()) {
      return "none";
    }
    return providers.stream().map(p -> "'" + p.id() + "' (" + p.getClass().getName() + ")")
        .collect(Collectors.joining(", "));
  }
}
