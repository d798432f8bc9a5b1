package io.github.whatsapphelpdesk.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import io.github.whatsapphelpdesk.http.WebhookResponse;
import io.github.whatsapphelpdesk.webhook.InMemoryIdempotencyStore;
import io.github.whatsapphelpdesk.webhook.ParsedWebhook;
import io.github.whatsapphelpdesk.webhook.SignatureCheck;
import io.github.whatsapphelpdesk.webhook.WebhookHandler;
import io.github.whatsapphelpdesk.webhook.WebhookParser;
import io.github.whatsapphelpdesk.webhook.WebhookSignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okio.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Webhook intake cost per delivery, against baselines measured in the same run:
 *
 * <ul>
 *   <li>{@code sdkPipeline}: {@link WebhookHandler#handle}: signature check, streaming parse into typed
 *       events, a claim per event in the in-memory idempotency store (always a new key, the store kept
 *       full so evictions are paid too) and dispatch to a listener on a direct executor;
 *   <li>{@code sdkVerifyAndParse}, {@code sdkParseOnly}, {@code sdkDedupeOnly}: the parts;
 *   <li>{@code floorHmac}: HMAC-SHA256 over the body alone;
 *   <li>{@code floorHmacReflectiveMoshi}: HMAC plus Moshi's reflective adapter into POJOs;
 *   <li>{@code hmacJackson}: HMAC plus Jackson databind into the same POJOs (the common alternative:
 *       the Java peer SDK's binding, plus the HMAC it does not do).
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WebhookIntakeBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WebhookIntakeBenchmark {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final int VARIANTS = 1_024;
  private static final java.time.Duration DEDUPE_TTL = java.time.Duration.ofDays(8);

  @Param({"single", "batch10"})
  public String payload;

  private byte[][] bodies;
  private List<Map<String, List<String>>> headers;
  private String[] signatures;
  private Mac mac;
  private WebhookSignatureVerifier verifier;
  private WebhookParser parser;
  private WebhookHandler handler;
  private ObjectMapper jackson;
  private JsonAdapter<WebhookPojos.Envelope> moshi;
  private Blackhole sink;
  private ParsedWebhook[] parsed;
  private InMemoryIdempotencyStore dedupeStore;
  private int i;

  @Setup(Level.Trial)
  public void setUp(Blackhole bh) throws Exception {
    sink = bh;
    bodies = new byte[VARIANTS][];
    signatures = new String[VARIANTS];
    headers = new java.util.ArrayList<>(VARIANTS);
    for (int v = 0; v < VARIANTS; v++) {
      bodies[v] = "single".equals(payload) ? WebhookPayloads.single(v) : WebhookPayloads.batch(v);
      signatures[v] = WebhookSignatureVerifier.sign(SECRET, bodies[v]);
      headers.add(Map.of("X-Hub-Signature-256", List.of(signatures[v])));
    }
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    verifier = WebhookSignatureVerifier.of(SECRET);
    parser = WebhookParser.create();
    int keysPerBody = parser.parse(bodies[0]).events().size();
    // Smaller than all keys of all variants: every claim is new, and the store evicts as in steady state.
    InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
        .maxEntries(Math.max(16, VARIANTS * keysPerBody / 2)).build();
    parsed = new ParsedWebhook[VARIANTS];
    for (int v = 0; v < VARIANTS; v++) {
      parsed[v] = parser.parse(bodies[v]);
    }
    dedupeStore = InMemoryIdempotencyStore.builder().maxEntries(Math.max(16, VARIANTS * keysPerBody / 2)).build();
    handler = WebhookHandler.builder().appSecret(SECRET).idempotencyStore(store).executor(Runnable::run)
        .listener(e -> sink.consume(e)).build();
    jackson = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    moshi = new Moshi.Builder().build().adapter(WebhookPojos.Envelope.class);
    // Sanity: every path reads the same payload.
    if (handler.handle("POST", Map.of(), headers.get(0), bodies[0]).status() != 200
        || jackson.readValue(bodies[0], WebhookPojos.Envelope.class).entry.get(0).changes.get(0).value.messages
            .size() != keysPerBody
        || moshi.fromJson(JsonReader.of(new Buffer().write(bodies[0]))).entry.get(0).changes.get(0).value.messages
            .size() != keysPerBody) {
      throw new IllegalStateException("payload sanity check failed");
    }
    System.out.println("\n" + payload + ": " + bodies[0].length + " bytes, " + keysPerBody + " event(s)");
  }

  private int next() {
    i = (i + 1) & (VARIANTS - 1);
    return i;
  }

  @Benchmark
  public WebhookResponse sdkPipeline() {
    int k = next();
    return handler.handle("POST", Map.of(), headers.get(k), bodies[k]);
  }

  @Benchmark
  public ParsedWebhook sdkVerifyAndParse() {
    int k = next();
    SignatureCheck c = verifier.check(bodies[k], signatures[k]);
    if (!c.valid()) {
      throw new IllegalStateException();
    }
    return parser.parse(bodies[k]);
  }

  @Benchmark
  public ParsedWebhook sdkParseOnly() {
    return parser.parse(bodies[next()]);
  }

  /**
   * The dedupe step alone: the claims of an already parsed delivery, in one {@code claimAll} (the keys built as the
   * handler builds them), in a store sized and kept full like the pipeline's.
   */
  @Benchmark
  public int sdkDedupeOnly() {
    List<io.github.whatsapphelpdesk.webhook.WebhookEvent> events = parsed[next()].events();
    List<String> keys = new java.util.ArrayList<>(events.size());
    for (io.github.whatsapphelpdesk.webhook.WebhookEvent e : events) {
      keys.add(e.idempotencyKey());
    }
    int fresh = 0;
    for (boolean won : dedupeStore.claimAll(keys, DEDUPE_TTL)) {
      fresh += won ? 1 : 0;
    }
    return fresh;
  }

  @Benchmark
  public byte[] floorHmac() {
    return mac.doFinal(bodies[next()]);
  }

  @Benchmark
  public WebhookPojos.Envelope floorHmacReflectiveMoshi() throws IOException {
    byte[] b = bodies[next()];
    sink.consume(mac.doFinal(b));
    try (JsonReader r = JsonReader.of(new Buffer().write(b))) {
      return moshi.fromJson(r);
    }
  }

  /** Moshi's tokenizer alone: skip the whole document (no strings decoded, nothing built). */
  @Benchmark
  public void floorMoshiTokenizeOnly() throws IOException {
    try (JsonReader r = JsonReader.of(new Buffer().write(bodies[next()]))) {
      r.skipValue();
    }
  }

  /** Moshi reading every token (names and string values decoded) into nothing. */
  @Benchmark
  public int floorMoshiReadAllTokens() throws IOException {
    int n = 0;
    try (JsonReader r = JsonReader.of(new Buffer().write(bodies[next()]))) {
      int depth = 0;
      do {
        switch (r.peek()) {
          case BEGIN_OBJECT: r.beginObject(); depth++; break;
          case END_OBJECT: r.endObject(); depth--; break;
          case BEGIN_ARRAY: r.beginArray(); depth++; break;
          case END_ARRAY: r.endArray(); depth--; break;
          case NAME: n += r.nextName().length(); break;
          case STRING: case NUMBER: n += r.nextString().length(); break;
          case BOOLEAN: r.nextBoolean(); break;
          case NULL: r.nextNull(); break;
          default: depth = 0;
        }
      } while (depth > 0);
    }
    return n;
  }

  @Benchmark
  public WebhookPojos.Envelope hmacJackson() throws IOException {
    byte[] b = bodies[next()];
    sink.consume(mac.doFinal(b));
    return jackson.readValue(b, WebhookPojos.Envelope.class);
  }
}
