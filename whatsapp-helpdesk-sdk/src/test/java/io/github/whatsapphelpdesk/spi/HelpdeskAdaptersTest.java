package io.github.whatsapphelpdesk.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.whatsapphelpdesk.crm.InMemoryHelpdesk;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpdeskAdaptersTest {
  @TempDir
  Path dir;

  /** A provider found through ServiceLoader in these tests. */
  public static final class AlphaProvider implements HelpdeskAdapterProvider {
    @Override
    public String id() {
      return "alpha";
    }

    @Override
    public HelpdeskAdapter create(Map<String, String> config) {
      if (!config.containsKey("token")) {
        throw new IllegalArgumentException("alpha needs 'token'");
      }
      return InMemoryHelpdesk.create();
    }
  }

  /** Another provider. */
  public static final class BetaProvider implements HelpdeskAdapterProvider {
    @Override
    public String id() {
      return "beta";
    }

    @Override
    public HelpdeskAdapter create(Map<String, String> config) {
      return InMemoryHelpdesk.create();
    }
  }

  private ClassLoader loaderWith(Class<?>... providers) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    StringBuilder sb = new StringBuilder("# test providers\n");
    for (Class<?> p : providers) {
      sb.append(p.getName()).append('\n');
    }
    Files.writeString(services.resolve(HelpdeskAdapterProvider.class.getName()), sb);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void resolve_explicitAdapter_wins() throws IOException {
    InMemoryHelpdesk explicit = InMemoryHelpdesk.create();
    assertThat(HelpdeskAdapters.resolve(explicit, loaderWith(AlphaProvider.class, BetaProvider.class), Map.of()))
        .isSameAs(explicit);
  }

  @Test
  void resolve_singleProvider_createsWithConfig() throws IOException {
    ClassLoader loader = loaderWith(BetaProvider.class);
    assertThat(HelpdeskAdapters.resolve(null, loader, Map.of()).id()).isEqualTo(InMemoryHelpdesk.ID);
    assertThat(HelpdeskAdapters.providers(loader)).extracting(HelpdeskAdapterProvider::id).containsExactly("beta");
  }

  @Test
  void resolve_severalProviders_errorListsThem() throws IOException {
    ClassLoader loader = loaderWith(AlphaProvider.class, BetaProvider.class);
    assertThatThrownBy(() -> HelpdeskAdapters.resolve(null, loader, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Several").hasMessageContaining("'alpha'").hasMessageContaining("'beta'")
        .hasMessageContaining(HelpdeskAdapters.ADAPTER_ID_KEY);
  }

  @Test
  void resolve_severalProvidersSelectedById_usesIt() throws IOException {
    ClassLoader loader = loaderWith(AlphaProvider.class, BetaProvider.class);
    assertThat(HelpdeskAdapters.resolve(null, loader, Map.of("adapter", "alpha", "token", "t"))).isNotNull();
    assertThatThrownBy(() -> HelpdeskAdapters.resolve(null, loader, Map.of("adapter", "alpha")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> HelpdeskAdapters.resolve(null, loader, Map.of("adapter", "zendesk")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'zendesk'").hasMessageContaining("'alpha'");
  }

  @Test
  void resolve_noProvider_clearError() throws IOException {
    ClassLoader loader = loaderWith();
    assertThatThrownBy(() -> HelpdeskAdapters.resolve(null, loader, Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("No helpdesk adapter");
  }

  @Test
  void resolve_brokenProviderEntry_clearError() throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(HelpdeskAdapterProvider.class.getName()), "com.example.Missing\n");
    ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    assertThatThrownBy(() -> HelpdeskAdapters.resolve(null, loader, Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not be loaded");
  }
}
