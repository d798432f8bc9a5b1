package io.github.whatsapphelpdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.whatsapphelpdesk.error.WebhookParseException;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.webhook.internal.JsonTestBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded, deterministic mutation fuzzing of every conformance payload: whatever the bytes, the parser
 * returns events or throws {@link WebhookParseException}, nothing else (no other exception, no stack
 * overflow), and the handler always answers. Bounded to a few seconds.
 */
class ParserFuzzTest {
  private static final long SEED = 0x5EEDL;
  private static final int MUTATIONS_PER_FILE = 400;
  private static final byte[] STRUCTURAL = "{}[]\",:\\0-1eE.tfn \u0000".getBytes(StandardCharsets.ISO_8859_1);
  private static final String[] SNIPPETS = {
    "null", "{}", "[]", "\"\"", "1e999999", "-0", "99999999999999999999999", "true", "\"\\ud800\"",
    "\"\\u0000\"", "{\"type\":\"hologram\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "\"messages\"", "\"statuses\"", "\"entry\"", "\"whatsapp_business_account\"", "{\"id\":null}",
    // BSUID fields (2026): names, valid and malformed values, nested user_id_update shapes.
    "\"from_user_id\"", "\"user_id\"", "\"recipient_user_id\"", "\"parent_user_id\"", "\"username\"",
    "\"user_id_update\"", "\"previous_user_id\"", "\"US.13491208655302741918\"", "\"US.ENT.1181579921\"",
    "\"US.\"", "\"us.123\"", "\"XX..\"", "{\"previous\":\"US.1\",\"current\":\"US.2\"}",
    "{\"previous\":7,\"current\":[]}", "\"@\"",
  };
  /** BSUID variants of the payloads (username-only customers, statuses to a BSUID, user_id_update). */
  private static final String[] BSUID_FIXTURES = {
    "message-username-only.json", "message-phone-and-bsuid.json", "status-delivered-to-bsuid.json",
    "status-failed-to-phone.json", "user-preferences-username-only.json", "system-user-changed-number.json",
    "system-user-changed-user-id.json", "user-id-update.json",
  };

  private final WebhookParser parser = WebhookParser.create();

  static List<byte[]> corpus() {
    List<byte[]> c = new ArrayList<>();
    for (String f : ConformanceTest.ALL) {
      c.add(ConformanceTest.bytes(f));
    }
    c.add(ConformanceTest.bytes(ConformanceTest.MALFORMED));
    for (String f : BSUID_FIXTURES) {
      try (java.io.InputStream in = ParserFuzzTest.class.getResourceAsStream("/fixtures/webhooks/bsuid/" + f)) {
        c.add(in.readAllBytes());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return c;
  }

  @Test
  void mutationsNeverRaiseAnythingButTheTypedParseError() {
    Random rnd = new Random(SEED);
    List<byte[]> corpus = corpus();
    int parsed = 0;
    int rejected = 0;
    for (byte[] original : corpus) {
      for (int i = 0; i < MUTATIONS_PER_FILE; i++) {
        byte[] m = mutate(original, corpus, rnd);
        try {
          ParsedWebhook p = parser.parse(m);
          for (WebhookEvent e : p.events()) {
            assertThat(e.metadata()).isNotNull();
            assertThat(e.idempotencyKey()).isNotNull();
            assertThat(e.toString()).isNotNull();
            // Identity accessors never throw; a message always has a customer.
            if (e instanceof InboundMessage im) {
              assertThat(im.customer()).isNotNull();
            } else {
              e.customer();
            }
          }
          for (ParseProblem pr : p.problems()) {
            assertThat(pr.rawJson()).isNotNull();
          }
          parsed++;
        } catch (WebhookParseException e) {
          assertThat(e.getMessage()).isNotBlank();
          rejected++;
        } catch (Throwable t) {
          throw new AssertionError("mutation " + i + " of a corpus file raised " + t + " for input: "
              + new String(m, StandardCharsets.ISO_8859_1), t);
        }
      }
    }
    // The mutations exercise both paths.
    assertThat(parsed).isGreaterThan(1_000);
    assertThat(rejected).isGreaterThan(1_000);
  }

  private static final byte[][] UTF8_FRAGMENTS = {
    {(byte) 0xc3, (byte) 0xa9}, // é
    {(byte) 0xe2, (byte) 0x82, (byte) 0xac}, // €
    {(byte) 0xf0, (byte) 0x9f, (byte) 0x91, (byte) 0x8b}, // 👋
    {(byte) 0xc3}, // truncated
    {(byte) 0xa9}, // lone continuation
    {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded surrogate
    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
    {(byte) 0xc0, (byte) 0xaf}, // overlong
    {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong
    {(byte) 0xff}, {(byte) 0xfe}, {0}, {0x1f}, {0x7f},
  };

  /**
   * Byte-level mutations (any byte value overwritten or inserted, valid and invalid UTF-8 fragments,
   * swapped, zeroed or high-bit bytes, truncation) of the compact and the pretty-printed payloads: only
   * the typed error escapes, and it says {@code INVALID_UTF8} exactly when the body is not valid UTF-8,
   * wherever the bad bytes are (inside strings, names, skipped values or outside any string).
   */
  @Test
  void byteLevelMutationsNeverRaiseAnythingButTheTypedParseError() {
    Random rnd = new Random(SEED + 2);
    List<byte[]> corpus = new ArrayList<>();
    for (byte[] b : corpus()) {
      corpus.add(b);
      corpus.add(JsonTestBytes.compact(b));
    }
    int utf8Rejections = 0;
    int parsed = 0;
    for (byte[] original : corpus) {
      for (int i = 0; i < 250; i++) {
        byte[] m = original;
        for (int round = 1 + rnd.nextInt(3); round > 0 && m.length > 0; round--) {
          m = mutateBytes(m, rnd);
        }
        if (m.length == 0) {
          continue;
        }
        boolean validUtf8 = JsonTestBytes.validUtf8(m);
        try {
          ParsedWebhook p = parser.parse(m);
          assertThat(validUtf8).as("accepted a body that is not UTF-8").isTrue();
          for (WebhookEvent e : p.events()) {
            assertThat(e.idempotencyKey()).isNotNull();
          }
          parsed++;
        } catch (WebhookParseException e) {
          assertThat(e.getMessage()).isNotBlank();
          if (validUtf8) {
            assertThat(e.reason()).as(e.getMessage()).isNotEqualTo(WebhookParseException.Reason.INVALID_UTF8);
          } else {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(WebhookParseException.Reason.INVALID_UTF8);
            utf8Rejections++;
          }
        } catch (Throwable t) {
          throw new AssertionError("byte mutation " + i + " raised " + t + " for input: "
              + new String(m, StandardCharsets.ISO_8859_1), t);
        }
      }
    }
    assertThat(utf8Rejections).isGreaterThan(1_000);
    assertThat(parsed).isGreaterThan(500);
  }

  private static byte[] mutateBytes(byte[] b, Random rnd) {
    int pos = rnd.nextInt(b.length);
    switch (rnd.nextInt(7)) {
      case 0: { // overwrite with any byte
        byte[] c = b.clone();
        c[pos] = (byte) rnd.nextInt(256);
        return c;
      }
      case 1: // insert a UTF-8 fragment, valid or not
        return insert(b, pos, UTF8_FRAGMENTS[rnd.nextInt(UTF8_FRAGMENTS.length)]);
      case 2: { // swap two neighbours
        byte[] c = b.clone();
        int q = Math.min(b.length - 1, pos + 1);
        byte t = c[pos];
        c[pos] = c[q];
        c[q] = t;
        return c;
      }
      case 3: { // set the high bit (an ASCII byte becomes a stray continuation or lead byte)
        byte[] c = b.clone();
        c[pos] |= (byte) 0x80;
        return c;
      }
      case 4: { // overwrite with a fragment
        byte[] f = UTF8_FRAGMENTS[rnd.nextInt(UTF8_FRAGMENTS.length)];
        byte[] c = b.clone();
        System.arraycopy(f, 0, c, pos, Math.min(f.length, c.length - pos));
        return c;
      }
      case 5: // truncate
        return Arrays.copyOf(b, pos);
      default: // insert any byte
        return insert(b, pos, new byte[] {(byte) rnd.nextInt(256)});
    }
  }

  @Test
  void theHandlerAlwaysAnswersSignedMutations() {
    Random rnd = new Random(SEED + 1);
    List<byte[]> corpus = corpus();
    WebhookHandler h = WebhookHandler.builder().appSecret("s").executor(Runnable::run)
        .listener(e -> e.idempotencyKey()).build();
    for (byte[] original : corpus) {
      for (int i = 0; i < 60; i++) {
        byte[] m = mutate(original, corpus, rnd);
        WebhookResponse r = h.handle("POST", Map.of(),
            Map.of("X-Hub-Signature-256", List.of(WebhookSignatureVerifier.sign("s", m))), m);
        assertThat(r.status()).isEqualTo(200);
      }
    }
  }

  static byte[] mutate(byte[] in, List<byte[]> corpus, Random rnd) {
    byte[] b = in;
    int rounds = 1 + rnd.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      b = mutateOnce(b, corpus, rnd);
    }
    return b;
  }

  private static byte[] mutateOnce(byte[] b, List<byte[]> corpus, Random rnd) {
    if (b.length == 0) {
      return new byte[] {(byte) rnd.nextInt(256)};
    }
    int pos = rnd.nextInt(b.length);
    switch (rnd.nextInt(9)) {
      case 0: { // flip a bit
        byte[] c = b.clone();
        c[pos] ^= (byte) (1 << rnd.nextInt(8));
        return c;
      }
      case 1: // insert a random byte (high bytes make invalid UTF-8)
        return insert(b, pos, new byte[] {(byte) rnd.nextInt(256)});
      case 2: // insert a structural character
        return insert(b, pos, new byte[] {STRUCTURAL[rnd.nextInt(STRUCTURAL.length)]});
      case 3: { // delete a range
        int len = Math.min(b.length - pos, 1 + rnd.nextInt(40));
        byte[] c = new byte[b.length - len];
        System.arraycopy(b, 0, c, 0, pos);
        System.arraycopy(b, pos + len, c, pos, b.length - pos - len);
        return c;
      }
      case 4: { // duplicate a range
        int len = Math.min(b.length - pos, 1 + rnd.nextInt(200));
        return insert(b, pos, Arrays.copyOfRange(b, pos, pos + len));
      }
      case 5: // truncate
        return Arrays.copyOf(b, pos);
      case 6: // splice in a piece of another corpus file
      {
        byte[] o = corpus.get(rnd.nextInt(corpus.size()));
        int from = rnd.nextInt(o.length);
        int len = Math.min(o.length - from, 1 + rnd.nextInt(300));
        return insert(b, pos, Arrays.copyOfRange(o, from, from + len));
      }
      case 7: // insert a JSON snippet
        return insert(b, pos, SNIPPETS[rnd.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8));
      default: { // replace the value after a colon with another snippet
        int colon = -1;
        for (int i = pos; i < b.length; i++) {
          if (b[i] == ':') {
            colon = i;
            break;
          }
        }
        if (colon < 0) {
          return b;
        }
        int end = colon + 1;
        while (end < b.length && b[end] != ',' && b[end] != '}') {
          end++;
        }
        byte[] s = SNIPPETS[rnd.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[colon + 1 + s.length + (b.length - end)];
        System.arraycopy(b, 0, c, 0, colon + 1);
        System.arraycopy(s, 0, c, colon + 1, s.length);
        System.arraycopy(b, end, c, colon + 1 + s.length, b.length - end);
        return c;
      }
    }
  }

  private static byte[] insert(byte[] b, int pos, byte[] what) {
    byte[] c = new byte[b.length + what.length];
    System.arraycopy(b, 0, c, 0, pos);
    System.arraycopy(what, 0, c, pos, what.length);
    System.arraycopy(b, pos, c, pos + what.length, b.length - pos);
    return c;
  }
}
