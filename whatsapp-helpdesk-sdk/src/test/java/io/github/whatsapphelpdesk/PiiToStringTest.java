package io.github.whatsapphelpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 18: every public record of {@code webhook}, {@code client}, {@code spi} and {@code crm} is
 * built reflectively with sample personal data in its identity, name and text components; its {@code
 * toString} must contain none of it (phone numbers, BSUIDs, usernames, names, bodies).
 */
class PiiToStringTest {
  static final String PHONE = "4915123456789";
  static final String BSUID = "US.13491208655302741918";
  static final String NAME = "Zelda Quixotic";
  static final String USERNAME = "zeldaquix";
  static final String BODY = "my secret order text";
  static final String EMAIL = "zelda@example.org";
  private static final List<String> PII = List.of(PHONE, "13491208655302741918", "Zelda", "Quixotic", USERNAME,
      "secret order", "zelda@");
  private static final String[] PACKAGES = {"webhook", "client", "spi", "crm"};

  /**
   * Components that hold no customer's personal data, given a neutral value: the business's own number and
   * names, template and app names, Meta's error texts, ad copy, helpdesk user ids and agent token subjects.
   */
  private static final Set<String> NOT_PERSONAL = Set.of("displayPhoneNumber", "verifiedName",
      "TemplateMessage.name", "SubscribedApp.name", "MessageEcho.from", "Referral.body", "Referral.headline",
      "WebhookError.message", "ParseProblem.message", "VerifiedAgentToken.subject", "StoredTicket.requesterId",
      "PhoneNumberInfo.nameStatus", "AccountUpdate.phoneNumber");

  /** The sample value of a String component, chosen by the component's name. */
  static String sample(String owner, String component) {
    if (NOT_PERSONAL.contains(component) || NOT_PERSONAL.contains(owner + "." + component)) {
      return "x1";
    }
    String n = component.toLowerCase(Locale.ROOT);
    if (n.equals("conversationkey") || n.equals("idempotencykey") || n.equals("dedupekey")) {
      return "wa:106540352242922:" + PHONE + ":1";
    }
    if (n.contains("userid") || n.contains("bsuid")) {
      return BSUID;
    }
    if (n.contains("username")) {
      return USERNAME;
    }
    if (n.contains("email")) {
      return EMAIL;
    }
    if (n.equals("waid") || n.contains("phone") && !n.contains("phonenumberid") || n.equals("from")
        || n.equals("to") || n.startsWith("recipient") && !n.contains("type") || n.equals("input")
        || n.contains("wa_id") || n.equals("customerwaid") || n.equals("newwaid") || n.equals("customerid")
        || n.equals("externalid") || n.equals("requesterid") || n.equals("recipientkey")) {
      return PHONE;
    }
    if (n.contains("name") && !n.contains("filename") && !n.contains("templatename") && !n.equals("parametername")) {
      return NAME;
    }
    if (n.equals("body") || n.equals("text") || n.equals("caption") || n.equals("subject") || n.equals("comment")
        || n.equals("plaintext") || n.equals("html") || n.equals("address") || n.equals("message")
        || n.equals("payload") || n.equals("title") && false) {
      return BODY;
    }
    return "x1";
  }

  @Test
  void everyPublicRecordMasksPersonalDataInToString() throws Exception {
    Map<String, String> leaks = new TreeMap<>();
    List<String> built = new ArrayList<>();
    List<String> notBuilt = new ArrayList<>();
    for (Class<?> c : records()) {
      Object o;
      try {
        o = build(c, 0);
      } catch (ReflectiveOperationException | RuntimeException e) {
        notBuilt.add(c.getSimpleName() + " (" + rootMessage(e) + ")");
        continue;
      }
      if (o == null) {
        notBuilt.add(c.getSimpleName());
        continue;
      }
      built.add(c.getSimpleName());
      String s = o.toString();
      for (String p : PII) {
        if (s.contains(p)) {
          leaks.merge(c.getName(), p + " in " + s, (a, b) -> a);
        }
      }
    }
    assertThat(notBuilt).as("records the test could not build").isEmpty();
    assertThat(built).hasSizeGreaterThan(40);
    assertThat(String.join("\n", leaks.keySet().stream().map(k -> k + " -> " + leaks.get(k).substring(0, Math.min(160, leaks.get(k).length()))).toList())).as("toString leaks personal data").isEmpty();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  static List<Class<?>> records() throws Exception {
    Path root = Path.of(PiiToStringTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolveSibling("classes");
    List<Class<?>> out = new ArrayList<>();
    for (String pkg : PACKAGES) {
      Path dir = root.resolve("io/github/whatsapphelpdesk/" + pkg);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (!name.endsWith(".class") || name.contains("$")) {
            continue;
          }
          Class<?> c = Class.forName("io.github.whatsapphelpdesk." + pkg + "." + name.replace(".class", ""));
          if (c.isRecord() && Modifier.isPublic(c.getModifiers())) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  static Object build(Class<?> c, int depth) throws ReflectiveOperationException {
    RecordComponent[] rc = c.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    Object[] args = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
      args[i] = value(c.getSimpleName(), rc[i].getName(), rc[i].getType(), rc[i].getGenericType(), depth);
    }
    Constructor<?> k = c.getDeclaredConstructor(types);
    k.setAccessible(true);
    try {
      return k.newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e;
    }
  }

  static Object value(String owner, String name, Class<?> t, Type generic, int depth)
      throws ReflectiveOperationException {
    if (t == io.github.whatsapphelpdesk.customer.CustomerId.class) {
      return io.github.whatsapphelpdesk.customer.CustomerId.ofPhone(PHONE);
    }
    if (t == io.github.whatsapphelpdesk.customer.Customer.class) {
      return io.github.whatsapphelpdesk.customer.Customer.of(BSUID, PHONE, null, USERNAME, NAME);
    }
    if (t == io.github.whatsapphelpdesk.webhook.InboundContent.class) {
      return new io.github.whatsapphelpdesk.webhook.InboundContent.Text(BODY);
    }
    if (t == io.github.whatsapphelpdesk.client.MessageContent.class) {
      return io.github.whatsapphelpdesk.client.Text.of(BODY);
    }
    if (t == io.github.whatsapphelpdesk.spi.Attachment.Data.class) {
      return (io.github.whatsapphelpdesk.spi.Attachment.Data) () -> new java.io.ByteArrayInputStream(new byte[1]);
    }
    if (t == io.github.whatsapphelpdesk.client.Media.class && "media".equals(name)) {
      return null; // an interactive header has either text or media
    }
    if (t == io.github.whatsapphelpdesk.client.InteractiveAction.class) {
      return new io.github.whatsapphelpdesk.client.InteractiveAction.ReplyButtons(
          List.of(new io.github.whatsapphelpdesk.client.InteractiveAction.ReplyButton("b1", "Yes")));
    }
    if (t == io.github.whatsapphelpdesk.webhook.WebhookEvent.class) {
      return build(io.github.whatsapphelpdesk.webhook.InboundMessage.class, depth + 1);
    }
    if (name.startsWith("lease")) {
      return null; // lease fields are present only on a LEASED inbox entry
    }
    if (t == byte[].class && "rawBody".equals(name)) {
      return null; // only an UNPARSEABLE inbox entry keeps raw bytes
    }
    if (t == String.class) {
      return sample(owner, name);
    }
    if (t == int.class || t == Integer.class) {
      return 1;
    }
    if (t == long.class || t == Long.class) {
      return 1L;
    }
    if (t == double.class || t == Double.class) {
      return 1.0;
    }
    if (t == boolean.class || t == Boolean.class) {
      return false;
    }
    if (t == Instant.class) {
      return Instant.EPOCH;
    }
    if (t == Duration.class) {
      return Duration.ofSeconds(1);
    }
    if (t == URI.class) {
      return URI.create("https://example.org/x");
    }
    if (t == byte[].class) {
      return BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    if (t == Optional.class) {
      return Optional.empty();
    }
    if (t.isEnum()) {
      return t.getEnumConstants()[0];
    }
    if (t == List.class || t == Set.class || t == Map.class) {
      if (t != Map.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e
          && depth < 6) {
        Object one = value(owner, name, e, e, depth + 1);
        if (one != null) {
          return t == List.class ? List.of(one) : Set.of(one);
        }
      }
      return t == List.class ? List.of() : t == Set.class ? Set.of() : Map.of();
    }
    if (t.isRecord() && depth < 6) {
      return build(t, depth + 1);
    }
    if (t == Object.class) {
      return BODY;
    }
    return null;
  }
}
