package io.github.whatsapphelpdesk.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Meta's {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}.
 *
 * <ul>
 *   <li>The HMAC is computed over the exact bytes received. Never re-serialise the JSON: Meta signs
 *       non-ASCII text escaped as {@code \\uXXXX}, and a re-encoded body no longer matches.
 *   <li>Comparison is constant-time ({@link MessageDigest#isEqual}) and every configured secret is
 *       tried, so timing reveals neither the expected signature nor which secret matched.
 *   <li>Several app secrets may be configured at once, for rotation: configure the new secret next to
 *       the old one, switch the app, then drop the old one.
 *   <li>The key is the <em>app secret</em> (App settings &gt; Basic), not the verify token.
 * </ul>
 *
 * <p>Immutable and thread-safe (each thread keeps its own {@link Mac} instances).
 */
public final class WebhookSignatureVerifier {
  /** The header Meta signs with. */
  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private static final int HEX_LENGTH = 64;
  /** The value of each ASCII hex digit (either case), -1 for any other character. */
  private static final byte[] HEX = new byte[128];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX[c] = (byte) (c - 'a' + 10);
      HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  private final List<SecretKeySpec> keys;
  private final ThreadLocal<Mac[]> macs;

  private WebhookSignatureVerifier(List<SecretKeySpec> keys) {
    this.keys = keys;
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  /** A verifier accepting any of {@code appSecrets} (at least one; blank secrets are rejected). */
  public static WebhookSignatureVerifier of(String... appSecrets) {
    return of(List.of(appSecrets));
  }

  /** A verifier accepting any of {@code appSecrets} (at least one; blank secrets are rejected). */
  public static WebhookSignatureVerifier of(Collection<String> appSecrets) {
    Objects.requireNonNull(appSecrets, "appSecrets");
    if (appSecrets.isEmpty()) {
      throw new IllegalArgumentException("at least one app secret is required");
    }
    List<SecretKeySpec> keys = new ArrayList<>(appSecrets.size());
    for (String s : appSecrets) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException("app secrets must not be null or blank");
      }
      keys.add(new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }
    return new WebhookSignatureVerifier(List.copyOf(keys));
  }

  private Mac[] newMacs() {
    Mac[] m = new Mac[keys.size()];
    try {
      for (int i = 0; i < m.length; i++) {
        m[i] = Mac.getInstance("HmacSHA256");
        m[i].init(keys.get(i));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
    return m;
  }

  /** The number of secrets configured. */
  public int secretCount() {
    return keys.size();
  }

  /**
   * Checks a signature header against the raw body. Never throws for bad input.
   *
   * @param body the raw body bytes, exactly as received
   * @param signatureHeader the value of {@code X-Hub-Signature-256}, or null when absent
   */
  public SignatureCheck check(byte[] body, String signatureHeader) {
    Objects.requireNonNull(body, "body");
    if (signatureHeader == null || signatureHeader.isBlank()) {
      return new SignatureCheck(SignatureCheck.Outcome.MISSING, -1, "no " + HEADER + " header");
    }
    String h = signatureHeader.strip();
    if (h.length() != PREFIX.length() + HEX_LENGTH || !h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return new SignatureCheck(SignatureCheck.Outcome.MALFORMED, -1, h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
          ? HEADER + " must be sha256= followed by 64 hex digits (got " + (h.length() - PREFIX.length()) + ")"
          : HEADER + " does not start with sha256=");
    }
    byte[] expected = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = hex(h.charAt(PREFIX.length() + 2 * i));
      int lo = hex(h.charAt(PREFIX.length() + 2 * i + 1));
      if (hi < 0 || lo < 0) {
        return new SignatureCheck(SignatureCheck.Outcome.MALFORMED, -1, HEADER + " contains a non-hex character");
      }
      expected[i] = (byte) ((hi << 4) | lo);
    }
    Mac[] m = macs.get();
    int match = -1;
    for (int i = 0; i < m.length; i++) {
      byte[] actual = m[i].doFinal(body);
      // No early exit: every secret is tried, so timing does not reveal which one matched.
      if (MessageDigest.isEqual(expected, actual) && match < 0) {
        match = i;
      }
    }
    return match >= 0
        ? new SignatureCheck(SignatureCheck.Outcome.VALID, match, "valid")
        : new SignatureCheck(SignatureCheck.Outcome.MISMATCH, -1,
            HEADER + " does not match the body under any of the " + m.length + " configured app secret(s)");
  }

  private static int hex(char c) {
    return c < 128 ? HEX[c] : -1;
  }

  /**
   * Like {@link #check} but throws.
   *
   * @throws io.github.whatsapphelpdesk.error.WebhookVerificationException with reason MISSING_SIGNATURE,
   *     MALFORMED_SIGNATURE or SIGNATURE_MISMATCH
   */
  public void verify(byte[] body, String signatureHeader) {
    check(body, signatureHeader).orThrow();
  }

  /**
   * The header value Meta would send for {@code body} under {@code appSecret}: {@code sha256=<hex>}.
   * For tests and local tools.
   */
  public static String sign(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignatureVerifier[" + keys.size() + " secret(s)]";
  }
}
