package io.github.whatsapphelpdesk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bridge's shape, as the core-reshaping issue asks: the flows in {@code bridge.internal} never reach
 * back into the facade package (no package cycle), and no bridge file grows past about 450 lines.
 */
class BridgeShapeTest {
  private static final Path BRIDGE = Path.of("src/main/java/io/github/whatsapphelpdesk/bridge");

  private static List<Path> sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void theFlowsDoNotDependOnTheFacadePackage() throws IOException {
    for (Path file : sources(BRIDGE.resolve("internal"))) {
      String text = Files.readString(file);
      assertThat(text.lines().filter(l -> l.startsWith("import io.github.whatsapphelpdesk.bridge.")
          && !l.startsWith("import io.github.whatsapphelpdesk.bridge.internal.")))
          .as("imports of the facade package in %s", file.getFileName()).isEmpty();
      assertThat(text).as("fully qualified facade references in %s", file.getFileName())
          .doesNotContainPattern("io\\.github\\.whatsapphelpdesk\\.bridge\\.(?!internal)[A-Z]");
    }
  }

  @Test
  void noBridgeFileIsOver450Lines() throws IOException {
    for (Path file : sources(BRIDGE)) {
      assertThat(Files.readAllLines(file)).as("lines of %s", file.getFileName()).hasSizeLessThanOrEqualTo(450);
    }
  }
}
