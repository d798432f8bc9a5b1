package io.github.whatsapphelpdesk.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.error.WebhookParseException.Reason;
import io.github.whatsapphelpdesk.webhook.internal.ByteJsonReader.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The webhook parser's byte reader on its own: grammar, escapes, UTF-8, limits, and Moshi as an oracle. */
class ByteJsonReaderTest {

  private static ByteJsonReader reader(String json) {
    return ByteJsonReader.of(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a whole document (skipping it) and checks nothing follows. */
  private static void readAll(byte[] json) {
    ByteJsonReader r = ByteJsonReader.of(json);
    r.skipValue();
    if (!r.atEnd()) {
      throw new WebhookParseException(Reason.MALFORMED_JSON, "trailing data at byte " + r.position());
    }
  }

  private static void readAll(String json) {
    readAll(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Reason rejection(byte[] json) {
    try {
      readAll(json);
    } catch (WebhookParseException e) {
      assertThat(e.getMessage()).contains("at byte");
      return e.reason();
    }
    return null;
  }

  private static Reason rejection(String json) {
    return rejection(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String string(String jsonString) {
    ByteJsonReader r = reader(jsonString);
    String s = r.nextString();
    assertThat(r.atEnd()).isTrue();
    return s;
  }

  // ---- strings -------------------------------------------------------------------------------------

  @Test
  void escapes() {
    assertThat(string("\"plain ascii\"")).isEqualTo("plain ascii");
    assertThat(string("\"\"")).isEmpty();
    assertThat(string("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo("\" \\ / \b \f \n \r \t");
    assertThat(string("\"caf\\u00e9 \\u00E9\"")).isEqualTo("café é");
    assertThat(string("\"\\u0000\"")).isEqualTo("\u0000");
    // A surrogate pair escaped as two \\u escapes is one code point.
    assertThat(string("\"hi \\ud83d\\udc4b!\"")).isEqualTo("hi \uD83D\uDC4B!").isEqualTo("hi 👋!");
    // A lone surrogate escape is kept as that char, as Moshi does.
    assertThat(string("\"\\ud800x\"")).isEqualTo("\uD800x");
    assertThat(string("\"\\udc00\"")).isEqualTo("\uDC00");
    // Raw UTF-8, 2, 3 and 4 bytes, mixed with escapes.
    assertThat(string("\"Grüß € 👋 \\n\"")).isEqualTo("Grüß € 👋 \n");
    // A long escaped string (the scratch buffer grows).
    String longText = "é\\n".repeat(5_000);
    assertThat(string("\"" + longText + "\"")).isEqualTo("é\n".repeat(5_000));
    // DEL (0x7f) needs no escape.
    assertThat(string("\"\u007f\"")).isEqualTo("\u007f");
  }

  @Test
  void badEscapesAndControlCharactersAreRejected() {
    for (String bad : new String[] {
        "\"\\x\"", "\"\\'\"", "\"\\\n\"", "\"\\u12G4\"", "\"\\u12\"", "\"\\u", "\"\\", "\"abc",
        "\"a\u0000b\"", "\"a\tb\"", "\"a\nb\"", "\"\u001f\"", "\"\\U00e9\""}) {
      assertThat(rejection(bad)).as(bad).isEqualTo(Reason.MALFORMED_JSON);
    }
    // Also when the string is only skipped, and for names.
    assertThat(rejection("{\"a\":\"\\q\"}")).isEqualTo(Reason.MALFORMED_JSON);
    assertThat(rejection("{\"a\tb\":1}")).isEqualTo(Reason.MALFORMED_JSON);
  }

  @Test
  void invalidUtf8IsRejectedWhereverTheStringIs() {
    byte[][] bad = {
      {(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xc1, (byte) 0xbf},
      {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong 3-byte
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded surrogate
      {(byte) 0xf0, (byte) 0x80, (byte) 0x80, (byte) 0xaf}, // overlong 4-byte
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xe2, (byte) 0x28, (byte) 0xa1}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
    };
    for (String template : new String[] {"[\"ab%s\"]", "{\"%s\":1}", "{\"k\":\"%s\",\"x\":2}"}) {
      for (byte[] seq : bad) {
        String[] parts = template.split("%s");
        byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
        byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
        byte[] doc = JsonTestBytes.concat(head, seq, tail);
        try {
          readAll(doc);
          throw new AssertionError("accepted " + Arrays.toString(seq) + " in " + template);
        } catch (WebhookParseException e) {
          assertThat(e.reason()).as(template + Arrays.toString(seq)).isEqualTo(Reason.INVALID_UTF8);
          assertThat(e.getMessage()).contains("at byte " + head.length);
        }
        // Read as a value rather than skipped: the same.
        ByteJsonReader r = ByteJsonReader.of(doc);
        assertThatThrownBy(() -> {
          if (r.peek() == Token.BEGIN_ARRAY) {
            r.beginArray();
            r.nextString();
          } else {
            r.beginObject();
            r.nextName();
            r.nextString();
          }
        }).isInstanceOf(WebhookParseException.class);
      }
    }
    // Non-ASCII outside a string is a syntax error.
    assertThat(rejection(JsonTestBytes.concat("[".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
        "]".getBytes(StandardCharsets.UTF_8)))).isEqualTo(Reason.MALFORMED_JSON);
  }

  // ---- numbers and literals ------------------------------------------------------------------------

  @Test
  void numbersFollowTheRfcGrammar() {
    for (String ok : new String[] {"0", "-0", "1", "-1", "1.5", "0.25", "1e10", "1E+2", "-1.25e-3", "123456789012",
        "99999999999999999999999", "1e999999"}) {
      ByteJsonReader r = reader("[" + ok + "]");
      r.beginArray();
      assertThat(r.peek()).isEqualTo(Token.NUMBER);
      assertThat(r.nextString()).isEqualTo(ok);
      r.endArray();
      assertThat(r.atEnd()).isTrue();
    }
    for (String bad : new String[] {"01", "-01", "00", "-", "1.", ".5", "1e", "1e+", "+1", "1.e5", "--1", "0x10",
        "1.5.3", "NaN", "Infinity", "-Infinity", "1 2"}) {
      assertThat(rejection("[" + bad + "]")).as(bad).isEqualTo(Reason.MALFORMED_JSON);
    }
    assertThat(reader("[1.5e3]").readJsonValue()).isEqualTo(List.of(1500.0));
    // A double out of range is refused by nextDouble (JSON has no infinities).
    ByteJsonReader r = reader("1e999");
    assertThatThrownBy(r::nextDouble).isInstanceOf(WebhookParseException.class);
  }

  @Test
  void integersWithoutAllocation() {
    ByteJsonReader r = reader("[\"1750275992\",1750275992,\"-5\",\"0123\",-0,\"1e3\",1e3,\"1234567890123456789\","
        + "\"12x\",\"\",true]");
    r.beginArray();
    assertThat(r.nextLongFast()).isEqualTo(1_750_275_992L);
    assertThat(r.nextLongFast()).isEqualTo(1_750_275_992L);
    assertThat(r.nextLongFast()).isEqualTo(-5L);
    assertThat(r.nextLongFast()).isEqualTo(123L); // as Long.parseLong reads it
    assertThat(r.nextLongFast()).isEqualTo(0L);
    for (String slow : new String[] {"1e3", "1e3", "1234567890123456789", "12x", ""}) {
      assertThat(r.nextLongFast()).isEqualTo(ByteJsonReader.NOT_FAST);
      assertThat(r.nextString()).isEqualTo(slow); // nothing was consumed
    }
    assertThat(r.nextLongFast()).isEqualTo(ByteJsonReader.NOT_FAST);
    assertThat(r.nextBoolean()).isTrue();
    r.endArray();
    assertThat(r.atEnd()).isTrue();
  }

  @Test
  void literalsAreSpeltExactly() {
    ByteJsonReader r = reader("[true,false,null]");
    r.beginArray();
    assertThat(r.nextBoolean()).isTrue();
    assertThat(r.nextBoolean()).isFalse();
    assertThat(r.peek()).isEqualTo(Token.NULL);
    assertThat((Object) r.nextNull()).isNull();
    r.endArray();
    for (String bad : new String[] {"[tru]", "[True]", "[nul]", "[nulll]", "[falsey]", "[t]", "[undefined]"}) {
      assertThat(rejection(bad)).as(bad).isEqualTo(Reason.MALFORMED_JSON);
    }
  }

  // ---- structure -----------------------------------------------------------------------------------

  @Test
  void emptyContainersAndWhitespace() {
    for (String ok : new String[] {"{}", "[]", " \t\r\n{ } \n", "{\"a\":{}}", "[[],[]]", "{\"a\":[],\"b\":{}}",
        "[{}]", "\"\""}) {
      assertThat(rejection(ok)).as(ok).isNull();
    }
    ByteJsonReader r = reader("{\"a\":{},\"b\":[]}");
    r.beginObject();
    assertThat(r.nextName()).isEqualTo("a");
    r.beginObject();
    assertThat(r.hasNext()).isFalse();
    r.endObject();
    assertThat(r.nextName()).isEqualTo("b");
    r.beginArray();
    assertThat(r.hasNext()).isFalse();
    r.endArray();
    assertThat(r.hasNext()).isFalse();
    r.endObject();
    assertThat(r.atEnd()).isTrue();
    assertThat(reader("{\"a\":{},\"b\":[]}").readJsonValue()).isEqualTo(Map.of("a", Map.of(), "b", List.of()));
  }

  @Test
  void malformedStructureIsRejected() {
    for (String bad : new String[] {"", " ", "{", "}", "[", "]", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\"}",
        "{\"a\" 1}", "{\"a\":}", "{a:1}", "{'a':1}", "[1 2]", "{\"a\":1 \"b\":2}", "[}", "{]", "{\"a\":1]",
        "{} x", "{}{}", "[] []", "{}]", "\"a\" \"b\"", "{\"a\":1}}", "[1]1"}) {
      assertThat(rejection(bad)).as(bad).isEqualTo(Reason.MALFORMED_JSON);
    }
  }

  @Test
  void depthIsLimitedWhetherReadOrSkipped() {
    int max = ByteJsonReader.MAX_DEPTH;
    assertThat(rejection("[".repeat(max) + "]".repeat(max))).isNull();
    assertThat(rejection("[".repeat(max + 1) + "]".repeat(max + 1))).isEqualTo(Reason.TOO_DEEP);
    assertThat(rejection("{\"a\":".repeat(max + 1) + "1" + "}".repeat(max + 1))).isEqualTo(Reason.TOO_DEEP);
    // Far deeper input fails as fast, without recursion.
    assertThat(rejection("[".repeat(1_000_000))).isEqualTo(Reason.TOO_DEEP);
    ByteJsonReader r = reader("[".repeat(max + 1) + "]".repeat(max + 1));
    assertThatThrownBy(r::readJsonValue).isInstanceOf(WebhookParseException.class)
        .satisfies(e -> assertThat(((WebhookParseException) e).reason()).isEqualTo(Reason.TOO_DEEP));
    Object deep = reader("[".repeat(max) + "]".repeat(max)).readJsonValue();
    int depth = 0;
    while (deep instanceof List<?> l && !l.isEmpty()) {
      deep = l.get(0);
      depth++;
    }
    assertThat(depth).isEqualTo(max - 1);
  }

  @Test
  void namesAreSelectedFromByteTables() {
    ByteJsonReader.Options opts = ByteJsonReader.Options.of("id", "type", "timestamp");
    ByteJsonReader r = reader("{\"type\":\"text\",\"other\":1,\"\\u0069d\":\"w1\",\"id2\":[1,{\"x\":2}],\"i\":null}");
    r.beginObject();
    assertThat(r.selectName(opts)).isEqualTo(1);
    assertThat(r.nextString()).isEqualTo("text");
    assertThat(r.selectName(opts)).isEqualTo(-1);
    assertThat(r.peek()).isEqualTo(Token.NAME);
    assertThat(r.nextName()).isEqualTo("other");
    assertThat(r.nextLongFast()).isEqualTo(1L);
    assertThat(r.selectName(opts)).isEqualTo(0); // an escaped name still matches
    assertThat(r.nextString()).isEqualTo("w1");
    assertThat(r.selectName(opts)).isEqualTo(-1); // a longer name with a known prefix does not
    r.skipName();
    r.skipValue();
    assertThat(r.selectName(opts)).isEqualTo(-1);
    r.skipName();
    r.nextNull();
    assertThat(r.hasNext()).isFalse();
    r.endObject();
    assertThat(r.atEnd()).isTrue();
    assertThatThrownBy(() -> ByteJsonReader.Options.of("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueBytesAreTheExactSlice() {
    String inner = "{ \"a\" : [1, \"x\\\"y\", {\"b\": null}] , \"c\":\"\\u00e9\" }";
    ByteJsonReader r = reader("{\"k\": " + inner + " , \"s\":\"str\",\"n\":-1.5e3}");
    r.beginObject();
    r.nextName();
    assertThat(new String(r.nextValueBytes(), StandardCharsets.UTF_8)).isEqualTo(inner);
    r.nextName();
    assertThat(new String(r.nextValueBytes(), StandardCharsets.UTF_8)).isEqualTo("\"str\"");
    r.nextName();
    assertThat(new String(r.nextValueBytes(), StandardCharsets.UTF_8)).isEqualTo("-1.5e3");
    r.endObject();
    assertThat(r.atEnd()).isTrue();
  }

  @Test
  void jsonValueTrees() {
    Object v = reader("{\"a\":[1,\"two\",true,null,{\"b\":2.5}],\"c\":{}}").readJsonValue();
    Map<String, Object> expectedInner = new java.util.HashMap<>();
    expectedInner.put("b", 2.5);
    List<Object> list = new ArrayList<>(Arrays.asList(1.0, "two", true, null, expectedInner));
    assertThat(v).isEqualTo(Map.of("a", list, "c", Map.of()));
    assertThat(new ArrayList<Object>(((Map<?, ?>) v).keySet())).containsExactly("a", "c");
    // A repeated name fails (as with Moshi's readJsonValue).
    assertThatThrownBy(() -> reader("{\"a\":1,\"a\":2}").readJsonValue()).isInstanceOf(WebhookParseException.class);
    assertThat(reader("\"s\"").readJsonValue()).isEqualTo("s");
  }

  // ---- whole payloads ------------------------------------------------------------------------------

  @Test
  void everyTruncationOfAPayloadIsRejected() {
    for (byte[] doc : List.of(JsonTestBytes.compact(conformance().get(0)), conformance().get(0), BENCH_LIKE)) {
      assertThat(rejection(doc)).isNull();
      for (int n = 0; n < doc.length; n++) {
        byte[] prefix = Arrays.copyOf(doc, n);
        // A cut inside a multi-byte character leaves a truncated UTF-8 sequence: that is what is reported.
        assertThat(rejection(prefix)).as("prefix of %d bytes", n)
            .isEqualTo(JsonTestBytes.validUtf8(prefix) ? Reason.MALFORMED_JSON : Reason.INVALID_UTF8);
      }
      // And a range of the middle (not a whole value) read as a document.
      for (int n = 1; n < doc.length - 1; n += 7) {
        ByteJsonReader r = ByteJsonReader.of(doc, n, doc.length);
        assertThatThrownBy(() -> {
          r.skipValue();
          if (!r.atEnd()) {
            throw new WebhookParseException(Reason.MALFORMED_JSON, "trailing at byte " + r.position());
          }
        }).isInstanceOf(WebhookParseException.class);
      }
    }
  }

  private static final byte[] BENCH_LIKE = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\","
      + "\"changes\":[{\"value\":{\"contacts\":[{\"profile\":{\"name\":\"S\u00e9\"},\"wa_id\":\"16505551234\"}],"
      + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"w\",\"timestamp\":\"1750275992\",\"text\":{\"body\":\"\\u00e0 bient"
      + "\\u00f4t \\ud83d\\udc4b\"},\"type\":\"text\",\"n\":[1.5e3,-0,true,false,null,{},[]]}]},\"field\":\"messages\"}]}]}")
      .getBytes(StandardCharsets.UTF_8);

  /** Every conformance payload yields exactly Moshi's token stream (names, strings and number texts). */
  @Test
  void tokensMatchMoshiOnEveryConformancePayload() throws IOException {
    List<byte[]> docs = new ArrayList<>(conformance());
    docs.add(BENCH_LIKE);
    for (byte[] doc : docs) {
      assertThat(tokens(ByteJsonReader.of(doc))).isEqualTo(moshiTokens(doc));
    }
  }

  /**
   * Differential fuzzing against Moshi's strict reader on compact payloads: the same documents are
   * accepted and rejected, except where RFC 8259 is stricter than Moshi (unescaped control characters
   * and the escapes {@code \\'} and backslash-newline, which Moshi accepts) and for invalid UTF-8 (Moshi
   * replaces it with U+FFFD; this reader rejects it). Only the typed exception is ever thrown.
   */
  @Test
  void acceptsAndRejectsWhatMoshiDoesOnMutations() throws IOException {
    Random rnd = new Random(0xB17E5L);
    List<byte[]> corpus = new ArrayList<>();
    for (byte[] d : conformance()) {
      corpus.add(JsonTestBytes.compact(d));
    }
    byte[] pieces = "{}[]\",:\\0-1eE.tfnu \"a\"".getBytes(StandardCharsets.ISO_8859_1);
    int compared = 0;
    int rejected = 0;
    for (int round = 0; round < 6_000; round++) {
      byte[] doc = corpus.get(rnd.nextInt(corpus.size()));
      int mutations = 1 + rnd.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        int at = rnd.nextInt(doc.length);
        switch (rnd.nextInt(4)) {
          case 0:
            doc = doc.clone();
            doc[at] = pieces[rnd.nextInt(pieces.length)];
            break;
          case 1:
            doc = JsonTestBytes.concat(Arrays.copyOf(doc, at), new byte[] {pieces[rnd.nextInt(pieces.length)]},
                Arrays.copyOfRange(doc, at, doc.length));
            break;
          case 2:
            doc = JsonTestBytes.concat(Arrays.copyOf(doc, at), Arrays.copyOfRange(doc, Math.min(doc.length, at + 1 + rnd.nextInt(8)),
                doc.length));
            break;
          default:
            doc = doc.clone();
            doc[at] = (byte) rnd.nextInt(256);
        }
        if (doc.length == 0) {
          doc = new byte[] {'{'};
        }
      }
      Reason ours;
      try {
        readAll(doc);
        ours = null;
      } catch (WebhookParseException e) {
        ours = e.reason();
      }
      if (ours != null) {
        rejected++;
      }
      if (moshiDiverges(doc)) {
        continue;
      }
      boolean moshiAccepts = moshiAccepts(doc);
      assertThat(ours == null).as("ours %s, Moshi %s for %s", ours, moshiAccepts,
          new String(doc, StandardCharsets.ISO_8859_1)).isEqualTo(moshiAccepts);
      compared++;
    }
    assertThat(compared).isGreaterThan(3_000);
    assertThat(rejected).isGreaterThan(1_000);
  }

  /** True where Moshi is known to be more lenient than RFC 8259: control bytes, non-ASCII, {@code \\'}. */
  private static boolean moshiDiverges(byte[] doc) {
    for (int i = 0; i < doc.length; i++) {
      int c = doc[i] & 0xff;
      if (c < 0x20 || c >= 0x80 || (c == '\\' && i + 1 < doc.length && doc[i + 1] == '\'')) {
        return true;
      }
    }
    return false;
  }

  private static boolean moshiAccepts(byte[] doc) {
    try (JsonReader r = JsonReader.of(new Buffer().write(doc))) {
      r.skipValue();
      return r.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> tokens(ByteJsonReader r) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    do {
      Token t = r.peek();
      switch (t) {
        case BEGIN_OBJECT: r.beginObject(); depth++; out.add("{"); break;
        case END_OBJECT: r.endObject(); depth--; out.add("}"); break;
        case BEGIN_ARRAY: r.beginArray(); depth++; out.add("["); break;
        case END_ARRAY: r.endArray(); depth--; out.add("]"); break;
        case NAME: out.add("name:" + r.nextName()); break;
        case STRING: out.add("string:" + r.nextString()); break;
        case NUMBER: out.add("number:" + r.nextString()); break;
        case BOOLEAN: out.add("bool:" + r.nextBoolean()); break;
        case NULL: r.nextNull(); out.add("null"); break;
        default: throw new AssertionError(t);
      }
    } while (depth > 0);
    assertThat(r.atEnd()).isTrue();
    return out;
  }

  private static List<String> moshiTokens(byte[] doc) throws IOException {
    List<String> out = new ArrayList<>();
    try (JsonReader r = JsonReader.of(new Buffer().write(doc))) {
      int depth = 0;
      do {
        switch (r.peek()) {
          case BEGIN_OBJECT: r.beginObject(); depth++; out.add("{"); break;
          case END_OBJECT: r.endObject(); depth--; out.add("}"); break;
          case BEGIN_ARRAY: r.beginArray(); depth++; out.add("["); break;
          case END_ARRAY: r.endArray(); depth--; out.add("]"); break;
          case NAME: out.add("name:" + r.nextName()); break;
          case STRING: out.add("string:" + r.nextString()); break;
          case NUMBER: out.add("number:" + r.nextString()); break;
          case BOOLEAN: out.add("bool:" + r.nextBoolean()); break;
          case NULL: r.nextNull(); out.add("null"); break;
          default: throw new AssertionError();
        }
      } while (depth > 0);
      assertThat(r.peek()).isEqualTo(JsonReader.Token.END_DOCUMENT);
    }
    return out;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  static List<byte[]> conformance() {
    URL root = ByteJsonReaderTest.class.getResource("/conformance/webhooks");
    try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
      List<byte[]> out = new ArrayList<>();
      // The one malformed conformance file (trailing data) is left out: it is tested through the parser.
      for (Path p : files.filter(f -> f.toString().endsWith(".json"))
          .filter(f -> !f.endsWith(Path.of("peer-java-sdk", "deserialization", "textMessageStatusRead.json")))
          .sorted().toList()) {
        try (InputStream in = Files.newInputStream(p)) {
          out.add(in.readAllBytes());
        }
      }
      assertThat(out).hasSizeGreaterThan(20);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
