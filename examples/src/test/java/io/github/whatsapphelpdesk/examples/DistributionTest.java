package io.github.whatsapphelpdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The build's distribution rules, read from the poms of this checkout: the BOM lists every published
 * module (a reactor module that is not a pom and does not skip deploy) at the project's version, pins nothing
 * else and has no parent.
 */
class DistributionTest {
  private static final Path ROOT = Path.of("..");

  private static Document pom(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private static boolean skipsDeploy(Document module) {
    NodeList plugins = module.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element p = (Element) plugins.item(i);
      if ("maven-deploy-plugin".equals(text(p, "artifactId"))) {
        Element conf = child(p, "configuration");
        if (conf != null && "true".equals(text(conf, "skip"))) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersionAndNothingElse() throws Exception {
    Element parent = pom(ROOT.resolve("pom.xml")).getDocumentElement();
    String version = text(parent, "version");
    String groupId = text(parent, "groupId");
    List<String> published = new ArrayList<>();
    NodeList modules = child(parent, "modules").getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      Path dir = ROOT.resolve(modules.item(i).getTextContent().trim());
      Document module = pom(dir.resolve("pom.xml"));
      Element root = module.getDocumentElement();
      String packaging = text(root, "packaging");
      if ("pom".equals(packaging) || skipsDeploy(module)) {
        continue;
      }
      published.add(text(root, "artifactId"));
    }
    assertThat(published).contains("whatsapp-helpdesk-sdk", "sdk-micrometer");

    Path bomFile = ROOT.resolve("whatsapp-helpdesk-bom/pom.xml");
    assertThat(Files.exists(bomFile)).isTrue();
    Element bom = pom(bomFile).getDocumentElement();
    assertThat(child(bom, "parent")).as("the BOM has no parent (style guide 2.1)").isNull();
    assertThat(text(bom, "groupId")).isEqualTo(groupId);
    assertThat(text(bom, "version")).as("the BOM's version follows the project's").isEqualTo(version);
    assertThat(text(bom, "packaging")).isEqualTo("pom");
    Map<String, String> pinned = new LinkedHashMap<>();
    NodeList deps = child(child(bom, "dependencyManagement"), "dependencies").getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertThat(text(d, "groupId")).as("the BOM pins only this project's artifacts").isEqualTo(groupId);
      pinned.put(text(d, "artifactId"), text(d, "version"));
    }
    assertThat(pinned.keySet()).containsExactlyInAnyOrderElementsOf(published);
    assertThat(pinned.values()).allSatisfy(v -> assertThat(v).isIn("${project.version}", version));
  }
}
