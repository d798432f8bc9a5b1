package io.github.whatsapphelpdesk.examples.internal;

import io.github.whatsapphelpdesk.webhook.SignatureCheck;
import io.github.whatsapphelpdesk.webhook.WebhookSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code verify-signature}: does a captured body match its {@code X-Hub-Signature-256} under an app
 * secret? When not, names the likely cause.
 */
public final class VerifySignatureCommand implements Command {
  @Override
  public String name() {
    return "verify-signature";
  }

  @Override
  public String summary() {
    return "check a captured webhook body against its X-Hub-Signature-256 and say why it fails";
  }

  @Override
  public String usage() {
    return """
        usage: verify-signature --body FILE --signature 'sha256=<hex>' [--app-secret S] [--verify-token T]

        The app secret may also come from WA_APP_SECRET (preferred: it stays out of the shell history).
        Exit code 0 when the signature matches, 1 when it does not.
        """;
  }

  @Override
  public int run(List<String> argList, Console console) throws Exception {
    Args args = Args.parse(argList, Set.of("body", "signature", "app-secret", "verify-token"), Set.of());
    Path file = Path.of(args.option("body").orElseThrow(() -> new Args.UsageException("--body is required")));
    String header = args.option("signature").orElseThrow(() -> new Args.UsageException("--signature is required"));
    String secret = args.option("app-secret").orElse(console.env().get("WA_APP_SECRET"));
    if (secret == null || secret.isEmpty()) {
      throw new Args.UsageException("--app-secret or WA_APP_SECRET is required");
    }
    byte[] body = Files.readAllBytes(file);
    SignatureCheck check = WebhookSignatureVerifier.of(secret).check(body, header);
    if (check.valid()) {
      console.out().println("MATCH: the signature is HMAC-SHA256(app secret, body) over these exact bytes.");
      return 0;
    }
    console.out().println("NO MATCH (" + check.outcome() + "): " + check.detail());
    console.out().println("Likely cause: " + diagnose(check, body, header, secret, args.option("verify-token").orElse(null)));
    return 1;
  }

  static String diagnose(SignatureCheck check, byte[] body, String header, String secret, String verifyToken) {
    if (check.outcome() == SignatureCheck.Outcome.MISSING) {
      return "the request had no X-Hub-Signature-256 header: is the endpoint behind a proxy that drops it?";
    }
    if (check.outcome() == SignatureCheck.Outcome.MALFORMED) {
      return "the header must be 'sha256=' followed by 64 hex digits (X-Hub-Signature with SHA-1 is the old header)";
    }
    if (verifyToken != null && WebhookSignatureVerifier.of(verifyToken).check(body, header).valid()) {
      return "the body was signed with the VERIFY TOKEN: the signature key is the app secret (App settings > Basic)";
    }
    String text = new String(body, StandardCharsets.UTF_8);
    for (String variant : reserialisations(text)) {
      if (WebhookSignatureVerifier.of(secret).check(variant.getBytes(StandardCharsets.UTF_8), header).valid()) {
        return "the body was re-serialised before checking (whitespace or \\u escapes changed): verify the raw bytes";
      }
    }
    return "a wrong app secret (another app's, or an old one after a reset), or a body changed in transit";
  }

  /** Plausible original forms of a body that a framework re-serialised. */
  private static List<String> reserialisations(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c > 0x7E) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return List.of(escaped.toString(), text.strip(), text.replaceAll("\\s*\\n\\s*", ""),
        text.replace("\r\n", "\n"));
  }
}
