package io.github.whatsapphelpdesk.store;

import io.github.whatsapphelpdesk.PhoneNumbers;
import io.github.whatsapphelpdesk.error.ValidationException;
import io.github.whatsapphelpdesk.ratelimit.Priority;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A neutral, serialisable description of one message to send to a customer, as stored in the
 * {@link Outbox}. It only holds plain values (strings, lists, ordered maps), so a durable backend can
 * store it as JSON; the sender converts it to a Cloud API request when it leases the entry.
 *
 * <p>Fields by kind: {@link Kind#TEXT} needs {@code text}; {@link Kind#MEDIA} needs one or more
 * {@code attachments} ({@code text} is the caption); {@link Kind#TEMPLATE} needs {@code templateName}
 * and {@code templateLanguage} ({@code templateParameters} in order, keyed by placeholder name or
 * position); {@link Kind#INTERACTIVE} needs {@code text} (the body) and {@code options} (buttons or list
 * rows); {@link Kind#READ_RECEIPT} needs {@code targetWamid}. {@code conversationKey} is the outbox's
 * ordering group; without one, messages to the same recipient form the group.
 *
 * <p>Build with {@link #builder(Kind)}; {@link Builder#build()} names every missing field.
 */
public record OutboundMessage(
    Kind kind,
    String conversationKey,
    String phoneNumberId,
    String recipientWaId,
    String text,
    List<AttachmentRef> attachments,
    String templateName,
    String templateLanguage,
    Map<String, String> templateParameters,
    List<String> options,
    String targetWamid,
    Priority priority,
    String replyId,
    String ticketId) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the message is. */
  public enum Kind { TEXT, MEDIA, TEMPLATE, INTERACTIVE, READ_RECEIPT, REACTION }

  public OutboundMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    Objects.requireNonNull(recipientWaId, "recipientWaId");
    Objects.requireNonNull(priority, "priority");
    attachments = List.copyOf(attachments);
    options = List.copyOf(options);
    // An ordered, unmodifiable copy: template parameters are positional.
    templateParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templateParameters));
    List<String> problems = violations(kind, text, attachments, templateName, templateLanguage, options,
        targetWamid);
    if (!problems.isEmpty()) {
      throw new ValidationException("Outbound " + kind + " message", problems);
    }
  }

  private static List<String> violations(Kind kind, String text, List<AttachmentRef> attachments,
      String templateName, String templateLanguage, List<String> options, String targetWamid) {
    List<String> v = new ArrayList<>();
    switch (kind) {
      case TEXT -> {
        if (text == null || text.isBlank()) {
          v.add("a TEXT message needs text");
        }
      }
      case MEDIA -> {
        if (attachments.isEmpty()) {
          v.add("a MEDIA message needs at least one attachment");
        }
      }
      case TEMPLATE -> {
        if (templateName == null || templateName.isBlank()) {
          v.add("a TEMPLATE message needs templateName");
        }
        if (templateLanguage == null || templateLanguage.isBlank()) {
          v.add("a TEMPLATE message needs templateLanguage");
        }
      }
      case INTERACTIVE -> {
        if (text == null || text.isBlank()) {
          v.add("an INTERACTIVE message needs text (the body)");
        }
        if (options.isEmpty()) {
          v.add("an INTERACTIVE message needs options (buttons or list rows)");
        }
      }
      case READ_RECEIPT -> {
        if (targetWamid == null) {
          v.add("a READ_RECEIPT needs targetWamid");
        }
      }
      case REACTION -> {
        if (targetWamid == null) {
          v.add("a REACTION needs targetWamid");
        }
        if (text == null) {
          v.add("a REACTION needs text (the emoji, empty to remove)");
        }
      }
      default -> throw new AssertionError(kind);
    }
    return v;
  }

  /** The outbox's FIFO group: the conversation key, or {@code phone_number_id:recipient} without one. */
  public String orderingGroup() {
    return conversationKey != null ? conversationKey : "to:" + phoneNumberId + ':' + recipientWaId;
  }

  /** A builder for a message of the given kind. */
  public static Builder builder(Kind kind) {
    return new Builder(kind);
  }

  /** Never shows the text or the full number. */
  @Override
  public String toString() {
    return "OutboundMessage[kind=" + kind + ", to=" + PhoneNumbers.mask(recipientWaId) + ", priority="
        + priority + ", replyId=" + replyId + ", ticketId=" + ticketId
        + (text == null ? "" : ", " + text.length() + " chars")
        + (attachments.isEmpty() ? "" : ", " + attachments.size() + " attachments")
        + (templateName == null ? "" : ", template=" + templateName + '/' + templateLanguage) + "]";
  }

  /** Builds an {@link OutboundMessage}. Not thread-safe. */
  public static final class Builder {
    private final Kind kind;
    private String conversationKey;
    private String phoneNumberId;
    private String recipientWaId;
    private String text;
    private final List<AttachmentRef> attachments = new ArrayList<>();
    private String templateName;
    private String templateLanguage;
    private final Map<String, String> templateParameters = new LinkedHashMap<>();
    private final List<String> options = new ArrayList<>();
    private String targetWamid;
    private Priority priority = Priority.AUTOMATED;
    private String replyId;
    private String ticketId;

    private Builder(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The conversation key ({@link ConversationKey#format()}), the FIFO group. */
    public Builder conversationKey(String value) {
      this.conversationKey = value;
      return this;
    }

    /** The conversation key, the FIFO group. */
    public Builder conversationKey(ConversationKey value) {
      this.conversationKey = value.format();
      return this;
    }

    /** The business phone number id that sends. Required. */
    public Builder phoneNumberId(String value) {
      this.phoneNumberId = value;
      return this;
    }

    /** The customer's wa_id, as Meta sent it. Required. */
    public Builder recipientWaId(String value) {
      this.recipientWaId = value;
      return this;
    }

    /** The text, caption, interactive body or reaction emoji. */
    public Builder text(String value) {
      this.text = value;
      return this;
    }

    /** Adds a file. */
    public Builder addAttachment(AttachmentRef value) {
      this.attachments.add(Objects.requireNonNull(value, "attachment"));
      return this;
    }

    /** The template's name and language code. */
    public Builder template(String name, String language) {
      this.templateName = name;
      this.templateLanguage = language;
      return this;
    }

    /** Adds a template parameter; order is kept. */
    public Builder putTemplateParameter(String name, String value) {
      this.templateParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds an interactive option (a button title or list row). */
    public Builder addOption(String value) {
      this.options.add(Objects.requireNonNull(value, "option"));
      return this;
    }

    /** The message a read receipt or reaction is about. */
    public Builder targetWamid(String value) {
      this.targetWamid = value;
      return this;
    }

    /** The priority lane; default {@link Priority#AUTOMATED}. */
    public Builder priority(Priority value) {
      this.priority = Objects.requireNonNull(value, "priority");
      return this;
    }

    /** The agent reply it carries, if any. */
    public Builder replyId(String value) {
      this.replyId = value;
      return this;
    }

    /** The helpdesk ticket it belongs to, if any. */
    public Builder ticketId(String value) {
      this.ticketId = value;
      return this;
    }

    /**
     * Builds the message.
     *
     * @throws ValidationException naming every missing field
     */
    public OutboundMessage build() {
      List<String> missing = new ArrayList<>();
      if (phoneNumberId == null) {
        missing.add("phoneNumberId is required");
      }
      if (recipientWaId == null) {
        missing.add("recipientWaId is required");
      }
      if (!missing.isEmpty()) {
        missing.addAll(violations(kind, text, attachments, templateName, templateLanguage, options, targetWamid));
        throw new ValidationException("Outbound " + kind + " message", missing);
      }
      return new OutboundMessage(kind, conversationKey, phoneNumberId, recipientWaId, text, attachments,
          templateName, templateLanguage, templateParameters, options, targetWamid, priority, replyId, ticketId);
    }
  }
}
