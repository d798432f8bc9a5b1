package io.github.whatsapphelpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's module-info, on the module path as a modular application would use it: it resolves with the
 * real dependency jars (OkHttp's and nimbus' descriptors, okio, Moshi and Bucket4j as automatic modules),
 * exports exactly the packages that are not {@code .internal}, and its classes load and initialise.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "io.github.whatsapphelpdesk";
  private static final List<String> RUNTIME_JARS = List.of("okhttp-jvm-", "okio-jvm-", "moshi-", "kotlin-stdlib-",
      "slf4j-api-", "bucket4j_jdk17-core-", "nimbus-jose-jwt-");

  private static List<Path> modulePath() {
    List<Path> path = new ArrayList<>();
    path.add(Path.of("target/classes"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.endsWith(".jar") && RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
        path.add(Path.of(entry));
      }
    }
    return path;
  }

  private static Set<String> sourcePackages() throws IOException {
    Path root = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
          .map(p -> root.relativize(p.getParent()).toString().replace(File.separatorChar, '.'))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void theModuleResolvesAndExportsExactlyThePublicPackages() throws Exception {
    ModuleFinder finder = ModuleFinder.of(modulePath().toArray(Path[]::new));
    ModuleDescriptor descriptor = finder.find(MODULE).orElseThrow().descriptor();
    assertThat(descriptor.isAutomatic()).isFalse();

    Set<String> exported = descriptor.exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    // Qualified exports: internal packages, only to this SDK's own modules.
    assertThat(descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)).allSatisfy(e -> {
      assertThat(e.source()).contains(".internal");
      assertThat(e.targets()).allSatisfy(t -> assertThat(t).startsWith(MODULE + "."));
    });
    Set<String> expected = sourcePackages().stream().filter(p -> !p.contains(".internal"))
        .collect(Collectors.toSet());
    assertThat(exported).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.uses()).contains("io.github.whatsapphelpdesk.spi.HelpdeskAdapterProvider");

    Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(MODULE));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader(MODULE);
    // The client (OkHttp, okio, Moshi), the limiter (Bucket4j) and the CRM JWT code (nimbus) initialise.
    for (String cls : List.of("io.github.whatsapphelpdesk.client.WhatsAppClient",
        "io.github.whatsapphelpdesk.http.internal.Json", "io.github.whatsapphelpdesk.ratelimit.DefaultOutboundLimiter",
        "io.github.whatsapphelpdesk.crm.internal.UrlJwksSource")) {
      Class<?> c = Class.forName(cls, true, loader);
      assertThat(c.getModule().getName()).isEqualTo(MODULE);
    }
    // JSON through Moshi inside the module layer.
    Class<?> json = Class.forName("io.github.whatsapphelpdesk.http.internal.Json", true, loader);
    assertThat(json.getModule().isExported("io.github.whatsapphelpdesk.http.internal")).isFalse();
  }
}
