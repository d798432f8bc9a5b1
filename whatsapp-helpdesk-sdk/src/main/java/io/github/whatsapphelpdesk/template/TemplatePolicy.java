package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.error.TemplatePolicyException;
import io.github.whatsapphelpdesk.error.TemplateProblem;
import io.github.whatsapphelpdesk.template.internal.PolicyEngine;
import io.github.whatsapphelpdesk.template.internal.PolicyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rules that choose a template and fill its parameters from a helpdesk event: ticket solved → CSAT
 * survey; agent replied while the window was closed → a "re-open the conversation" template carrying
 * the agent's text; a ticket status or tag → a template. The first rule that matches wins.
 *
 * <p>Rules are declared in code ({@link #builder()}, {@link PolicyRule#builder(String)}) or loaded from
 * JSON ({@link #fromJson}, {@link #load}); both are checked when built or loaded and every problem is
 * named in one {@link TemplatePolicyException}. The JSON format is described in {@code
 * docs/template.md}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TemplatePolicy {
  /** The largest policy file {@link #load} reads. */
  public static final long MAX_FILE_BYTES = 1_000_000;

  private final List<PolicyRule> rules;

  private TemplatePolicy(List<PolicyRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A policy without rules (decides nothing). */
  public static TemplatePolicy empty() {
    return new TemplatePolicy(List.of());
  }

  /**
   * Parses a policy document.
   *
   * @param json the document
   * @param sourceName where it came from, used in error messages (for example a file name)
   * @throws TemplatePolicyException naming every problem (syntax, unknown keys, missing or invalid values)
   */
  public static TemplatePolicy fromJson(String json, String sourceName) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(sourceName, "sourceName");
    return builder().rules(PolicyJson.parse(json, sourceName)).build(sourceName);
  }

  /**
   * Reads and parses a policy file (UTF-8, at most {@link #MAX_FILE_BYTES}).
   *
   * @throws TemplatePolicyException when the file cannot be read or is invalid
   */
  public static TemplatePolicy load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new TemplatePolicyException(name, List.of(new TemplatePolicyException.Problem("$",
            "the file has " + size + " bytes; at most " + MAX_FILE_BYTES + " are read")));
      }
      return fromJson(Files.readString(file, StandardCharsets.UTF_8), name);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new TemplatePolicyException(name, List.of(new TemplatePolicyException.Problem("$",
          "cannot read the file: " + e.getMessage())));
    }
  }

  /** The rules, in the order they are tried. */
  public List<PolicyRule> rules() {
    return rules;
  }

  /** A builder holding these rules, to add more. */
  public Builder toBuilder() {
    return builder().rules(rules);
  }

  /**
   * The template for an event: the first matching rule whose parameters can all be filled, or empty.
   * Without a registry the agent's text is cut only at its parameter's {@code maxLength}.
   */
  public Optional<PolicyDecision> decide(PolicyEvent event) {
    return PolicyEngine.decide(rules, Objects.requireNonNull(event, "event"), null);
  }

  /**
   * Like {@link #decide(PolicyEvent)}, and when the registry holds the chosen template, cuts the
   * agent's text so that the hydrated body stays within {@link TemplateLimits#BODY_MAX}, and fills
   * named or positional parameters as the held definition expects them.
   */
  public Optional<PolicyDecision> decide(PolicyEvent event, TemplateRegistry registry) {
    return PolicyEngine.decide(rules, Objects.requireNonNull(event, "event"),
        Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Checks every rule against the registry's templates with sample values: the template exists in
   * each language the rule may pick, is approved, and the rule's parameters fit it. Run it after a
   * sync, at start-up, to find a policy that names the wrong template.
   *
   * @return the problems by rule id (only rules with problems)
   */
  public Map<String, List<TemplateProblem>> check(TemplateRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Map<String, List<TemplateProblem>> out = new LinkedHashMap<>();
    for (PolicyRule r : rules) {
      List<TemplateProblem> p = PolicyEngine.check(r, registry);
      if (!p.isEmpty()) {
        out.put(r.id(), p);
      }
    }
    return out;
  }

  /** Builds {@link TemplatePolicy}s. */
  public static final class Builder {
    private final List<PolicyRule> rules = new ArrayList<>();

    private Builder() {}

    /** Adds a rule (tried after the rules added before it). */
    public Builder rule(PolicyRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds rules. */
    public Builder rules(List<PolicyRule> rules) {
      rules.forEach(this::rule);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws TemplatePolicyException when two rules share an id
     */
    public TemplatePolicy build() {
      return build("code");
    }

    TemplatePolicy build(String source) {
      Set<String> ids = new HashSet<>();
      List<TemplatePolicyException.Problem> problems = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        if (!ids.add(rules.get(i).id())) {
          problems.add(new TemplatePolicyException.Problem("rules[" + i + "].id",
              "duplicate rule id '" + rules.get(i).id() + "'"));
        }
      }
      if (!problems.isEmpty()) {
        throw new TemplatePolicyException(source, problems);
      }
      return new TemplatePolicy(rules);
    }
  }
}
