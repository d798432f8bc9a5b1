package io.github.whatsapphelpdesk.template;

import io.github.whatsapphelpdesk.client.Media;
import io.github.whatsapphelpdesk.error.TemplatePolicyException;
import io.github.whatsapphelpdesk.template.internal.PolicyChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One rule of a {@link TemplatePolicy}: when an event matches, send this template with these
 * parameters. Build it with {@link #builder(String)}; {@link Builder#build()} checks it and names every
 * problem.
 *
 * <pre>{@code
 * PolicyRule csat = PolicyRule.builder("csat")
 *     .onTicketSolved().unlessTags("no_csat")
 *     .template("csat_survey", "en_US").alsoIn("de", "pt_BR")
 *     .body(PolicyParam.customerName().orElse("there"), PolicyParam.ticketId())
 *     .build();
 * }</pre>
 *
 * @param id a unique id, reported in {@link PolicyDecision#ruleId()}
 * @param on the event kind
 * @param status for {@link PolicyEvent.Kind#TICKET_STATUS}: the status to match (case-insensitive);
 *     for other kinds an optional extra condition; or null
 * @param tag for {@link PolicyEvent.Kind#TICKET_TAG}: the tag to match (case-insensitive); for other
 *     kinds the ticket must carry it; or null
 * @param unlessTags the rule does not apply when the ticket carries any of these tags
 * @param templateName the template name
 * @param language the language code used unless the event's language is one of {@code alsoIn}
 * @param alsoIn other language codes the template is approved in; the event's {@link
 *     PolicyEvent#language()} picks one when it matches
 * @param header the text header's parameters (empty when the header has none)
 * @param headerMedia the media of a media header, or null
 * @param body the body's parameters
 * @param buttons the buttons' parameters, by index
 */
public record PolicyRule(
    String id, PolicyEvent.Kind on, String status, String tag, Set<String> unlessTags, String templateName,
    String language, Set<String> alsoIn, List<PolicyParam> header, Media headerMedia, List<PolicyParam> body,
    List<ButtonFill> buttons) {

  /**
   * The parameters of one button.
   *
   * @param index the zero-based button index
   * @param subType the send {@code sub_type} ({@code url}, {@code quick_reply}, {@code copy_code},
   *     {@code flow}, ...)
   * @param parameters the parameters (one text for a URL suffix, one payload for a quick reply)
   */
  public record ButtonFill(int index, String subType, List<PolicyParam> parameters) {
    public ButtonFill {
      Objects.requireNonNull(subType, "subType");
      parameters = List.copyOf(parameters);
    }
  }

  public PolicyRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(templateName, "templateName");
    Objects.requireNonNull(language, "language");
    unlessTags = Collections.unmodifiableSet(new LinkedHashSet<>(unlessTags));
    alsoIn = Collections.unmodifiableSet(new LinkedHashSet<>(alsoIn));
    header = List.copyOf(header);
    body = List.copyOf(body);
    buttons = List.copyOf(buttons);
  }

  /** A new builder for a rule with this id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds {@link PolicyRule}s. */
  public static final class Builder {
    private final String id;
    private PolicyEvent.Kind on;
    private String status;
    private String tag;
    private final Set<String> unlessTags = new LinkedHashSet<>();
    private String templateName;
    private String language;
    private final Set<String> alsoIn = new LinkedHashSet<>();
    private final List<PolicyParam> header = new ArrayList<>();
    private Media headerMedia;
    private final List<PolicyParam> body = new ArrayList<>();
    private final List<ButtonFill> buttons = new ArrayList<>();

    private Builder(String id) {
      this.id = id;
    }

    /** Applies when a ticket is solved. */
    public Builder onTicketSolved() {
      this.on = PolicyEvent.Kind.TICKET_SOLVED;
      return this;
    }

    /** Applies when an agent replies while the 24-hour window is closed. */
    public Builder onReplyWindowClosed() {
      this.on = PolicyEvent.Kind.REPLY_WINDOW_CLOSED;
      return this;
    }

    /** Applies when the ticket's status becomes {@code status} (case-insensitive). */
    public Builder onTicketStatus(String status) {
      this.on = PolicyEvent.Kind.TICKET_STATUS;
      this.status = status;
      return this;
    }

    /** Applies when {@code tag} is added to the ticket (case-insensitive). */
    public Builder onTicketTag(String tag) {
      this.on = PolicyEvent.Kind.TICKET_TAG;
      this.tag = tag;
      return this;
    }

    /** For kinds other than TICKET_TAG: applies only when the ticket carries {@code tag}. */
    public Builder whenTagged(String tag) {
      this.tag = tag;
      return this;
    }

    /** Does not apply when the ticket carries any of these tags. */
    public Builder unlessTags(String... tags) {
      unlessTags.addAll(List.of(tags));
      return this;
    }

    /** The template and its default language. */
    public Builder template(String name, String language) {
      this.templateName = name;
      this.language = language;
      return this;
    }

    /** Other languages the template exists in, picked by the event's language. */
    public Builder alsoIn(String... languages) {
      alsoIn.addAll(List.of(languages));
      return this;
    }

    /** The text header's parameters. */
    public Builder header(PolicyParam... params) {
      header.addAll(List.of(params));
      return this;
    }

    /** The media of a media header (image, video or document; no caption). */
    public Builder headerMedia(Media media) {
      this.headerMedia = media;
      return this;
    }

    /** The body's parameters. */
    public Builder body(PolicyParam... params) {
      body.addAll(List.of(params));
      return this;
    }

    /** One button's parameters. */
    public Builder button(int index, String subType, PolicyParam... params) {
      buttons.add(new ButtonFill(index, subType == null ? "" : subType.strip().toLowerCase(java.util.Locale.ROOT),
          List.of(params)));
      return this;
    }

    /**
     * Builds and checks the rule.
     *
     * @throws TemplatePolicyException naming every problem
     */
    public PolicyRule build() {
      List<TemplatePolicyException.Problem> problems = new ArrayList<>();
      PolicyChecks.checkRuleFields(id, on, status, tag, templateName, language, alsoIn, header, headerMedia, body,
          buttons, "rule '" + id + "'", problems);
      if (!problems.isEmpty()) {
        throw new TemplatePolicyException("code", problems);
      }
      return new PolicyRule(id, on, status, tag, unlessTags, templateName, language, alsoIn, header, headerMedia,
          body, buttons);
    }
  }
}
