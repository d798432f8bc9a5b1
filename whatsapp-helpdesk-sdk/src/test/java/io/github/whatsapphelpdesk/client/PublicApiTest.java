package io.github.whatsapphelpdesk.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** No OkHttp or Moshi type appears in a public signature of the client and template packages. */
class PublicApiTest {

  private static List<Class<?>> classesOf(String pkg) throws Exception {
    File dir;
    try {
      File root = new File(WhatsAppClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      dir = new File(root, pkg.replace('.', '/'));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> out = new ArrayList<>();
    for (String f : Objects.requireNonNull(dir.list())) {
      if (f.endsWith(".class") && !f.contains("package-info")) {
        out.add(Class.forName(pkg + "." + f.substring(0, f.length() - 6)));
      }
    }
    return out;
  }

  @Test
  void publicSignatures_containNoOkHttpOrMoshiTypes() throws Exception {
    List<String> offenders = new ArrayList<>();
    List<Class<?>> classes = new ArrayList<>(classesOf("io.github.whatsapphelpdesk.client"));
    classes.addAll(classesOf("io.github.whatsapphelpdesk.template"));
    assertThat(classes).hasSizeGreaterThan(30);
    for (Class<?> c : classes) {
      if (!Modifier.isPublic(c.getModifiers())) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          check(c, m, m.getGenericReturnType(), offenders);
          checkParams(c, m, offenders);
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers())) {
          checkParams(c, k, offenders);
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers())) {
          check(c, f, f.getGenericType(), offenders);
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  private static void checkParams(Class<?> c, Executable e, List<String> offenders) {
    Arrays.stream(e.getGenericParameterTypes()).forEach(t -> check(c, e, t, offenders));
  }

  private static void check(Class<?> c, Object member, Type t, List<String> offenders) {
    String name = t.getTypeName();
    if (name.contains("okhttp3") || name.contains("com.squareup.moshi") || name.contains("okio")
        || name.contains(".internal.")) {
      offenders.add(c.getSimpleName() + "." + member + " uses " + name);
    }
  }
}
