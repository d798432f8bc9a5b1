package io.github.whatsapphelpdesk.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A helpdesk event a {@link TemplatePolicy} may answer with a template. Neutral: no helpdesk types; the
 * bridge builds it from whatever its adapter reported.
 *
 * @param kind what happened
 * @param ticketId the helpdesk ticket id
 * @param waId the customer: their stable id (a BSUID, or the canonical wa_id of a customer known by number)
 * @param phoneNumberId the business phone number id the conversation uses, or null
 * @param status the ticket status after the event (for {@link Kind#TICKET_STATUS}; may be set for any
 *     kind), or null
 * @param tags the ticket's tags after the event (possibly empty)
 * @param tag the tag just added (for {@link Kind#TICKET_TAG}), or null
 * @param agentText the agent's reply text (for {@link Kind#REPLY_WINDOW_CLOSED}), or null
 * @param agentName the agent's display name, or null
 * @param customerName the customer's WhatsApp profile name (or the helpdesk contact name), or null
 * @param language the customer's preferred language code, or null
 * @param attributes other values a rule may use ({@code PolicyParam.attribute(key)}), for example
 *     custom ticket fields
 */
public record PolicyEvent(
    Kind kind, String ticketId, String waId, String phoneNumberId, String status, Set<String> tags, String tag,
    String agentText, String agentName, String customerName, String language, Map<String, String> attributes) {

  /** The kinds of event a policy reacts to. */
  public enum Kind {
    /** The ticket was solved: typically answered with a CSAT survey template. */
    TICKET_SOLVED,
    /** An agent replied while the 24-hour window was closed: a "re-open the conversation" template. */
    REPLY_WINDOW_CLOSED,
    /** The ticket's status changed ({@link PolicyEvent#status()}). */
    TICKET_STATUS,
    /** A tag was added to the ticket ({@link PolicyEvent#tag()}). */
    TICKET_TAG
  }

  public PolicyEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(waId, "waId");
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    if (kind == Kind.TICKET_STATUS && (status == null || status.isBlank())) {
      throw new IllegalArgumentException("a TICKET_STATUS event needs a status");
    }
    if (kind == Kind.TICKET_TAG && (tag == null || tag.isBlank())) {
      throw new IllegalArgumentException("a TICKET_TAG event needs a tag");
    }
  }

  /** A new builder. */
  public static Builder builder(Kind kind, String ticketId, String waId) {
    return new Builder(kind, ticketId, waId);
  }

  /** The ticket was solved. */
  public static PolicyEvent ticketSolved(String ticketId, String waId) {
    return builder(Kind.TICKET_SOLVED, ticketId, waId).status("solved").build();
  }

  /** An agent replied with {@code agentText} while the window was closed. */
  public static PolicyEvent replyWindowClosed(String ticketId, String waId, String agentText) {
    return builder(Kind.REPLY_WINDOW_CLOSED, ticketId, waId).agentText(agentText).build();
  }

  /** The ticket's status became {@code status}. */
  public static PolicyEvent ticketStatus(String ticketId, String waId, String status) {
    return builder(Kind.TICKET_STATUS, ticketId, waId).status(status).build();
  }

  /** {@code tag} was added to the ticket. */
  public static PolicyEvent ticketTagged(String ticketId, String waId, String tag) {
    return builder(Kind.TICKET_TAG, ticketId, waId).tag(tag).build();
  }

  /** A builder holding this event's values. */
  public Builder toBuilder() {
    Builder b = new Builder(kind, ticketId, waId);
    b.phoneNumberId = phoneNumberId;
    b.status = status;
    b.tags.addAll(tags);
    b.tag = tag;
    b.agentText = agentText;
    b.agentName = agentName;
    b.customerName = customerName;
    b.language = language;
    b.attributes.putAll(attributes);
    return b;
  }

  /** Shows neither the agent's text nor the full number. */
  @Override
  public String toString() {
    return "PolicyEvent[kind=" + kind + ", ticketId=" + ticketId + ", customer=" + io.github.whatsapphelpdesk.customer.Masking.identifier(waId)
        + ", status=" + status + ", tag=" + tag + ", tags=" + tags
        + ", agentText=" + (agentText == null ? "null" : "(" + agentText.length() + " chars)") + "]";
  }

  /** Builds {@link PolicyEvent}s. */
  public static final class Builder {
    private final Kind kind;
    private final String ticketId;
    private final String waId;
    private String phoneNumberId;
    private String status;
    private final Set<String> tags = new LinkedHashSet<>();
    private String tag;
    private String agentText;
    private String agentName;
    private String customerName;
    private String language;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(Kind kind, String ticketId, String waId) {
      this.kind = kind;
      this.ticketId = ticketId;
      this.waId = waId;
    }

    /** The business phone number id. */
    public Builder phoneNumberId(String phoneNumberId) {
      this.phoneNumberId = phoneNumberId;
      return this;
    }

    /** The ticket status. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Adds the ticket's tags. */
    public Builder tags(Iterable<String> tags) {
      tags.forEach(t -> this.tags.add(Objects.requireNonNull(t, "tag")));
      return this;
    }

    /** The tag just added (also added to {@link #tags}). */
    public Builder tag(String tag) {
      this.tag = tag;
      if (tag != null) {
        tags.add(tag);
      }
      return this;
    }

    /** The agent's reply text. */
    public Builder agentText(String agentText) {
      this.agentText = agentText;
      return this;
    }

    /** The agent's display name. */
    public Builder agentName(String agentName) {
      this.agentName = agentName;
      return this;
    }

    /** The customer's profile name. */
    public Builder customerName(String customerName) {
      this.customerName = customerName;
      return this;
    }

    /** The customer's preferred language code. */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /** Adds an attribute. */
    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Builds the event. */
    public PolicyEvent build() {
      return new PolicyEvent(kind, ticketId, waId, phoneNumberId, status, tags, tag, agentText, agentName,
          customerName, language, attributes);
    }
  }
}
