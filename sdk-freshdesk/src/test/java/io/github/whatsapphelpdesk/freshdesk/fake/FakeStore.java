package io.github.whatsapphelpdesk.freshdesk.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The records of {@link FakeFreshdesk}: contacts, tickets, conversations and attachments. Thread-safe. */
public final class FakeStore {
  /** The agent id Freshdesk uses for notes posted without {@code user_id} (the API key's agent). */
  public static final long API_AGENT_ID = 777L;

  /** Thrown for an unknown id; the fake answers 404. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String what) {
      super(what);
    }
  }

  /** A contact. */
  public static final class Contact {
    public final long id;
    public volatile String name;
    public volatile String mobile;
    public volatile String phone;
    public volatile String email;
    public volatile String twitterId;
    public volatile String uniqueExternalId;
    public volatile String description;

    Contact(long id, String name, String mobile, String uniqueExternalId) {
      this.id = id;
      this.name = name;
      this.mobile = mobile;
      this.uniqueExternalId = uniqueExternalId;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("name", name);
      m.put("email", email);
      m.put("phone", phone);
      m.put("mobile", mobile);
      m.put("twitter_id", twitterId);
      m.put("unique_external_id", uniqueExternalId);
      m.put("description", description);
      return m;
    }
  }

  /** A file stored on a ticket or conversation. */
  public static final class Attachment {
    public final long id;
    public final String name;
    public final String contentType;
    public final byte[] bytes;
    volatile String url;

    Attachment(long id, String name, String contentType, byte[] bytes) {
      this.id = id;
      this.name = name;
      this.contentType = contentType;
      this.bytes = bytes;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("name", name);
      m.put("content_type", contentType);
      m.put("size", bytes.length);
      m.put("attachment_url", url);
      return m;
    }
  }

  /** A reply or note. */
  public static final class Conversation {
    public final long id;
    public final String body;
    public final boolean incoming;
    public final boolean isPrivate;
    public final int source;
    public final long userId;
    public final List<Attachment> attachments;
    public final Instant createdAt;

    Conversation(long id, String body, boolean incoming, boolean isPrivate, int source, long userId,
        List<Attachment> attachments, Instant createdAt) {
      this.id = id;
      this.body = body;
      this.incoming = incoming;
      this.isPrivate = isPrivate;
      this.source = source;
      this.userId = userId;
      this.attachments = List.copyOf(attachments);
      this.createdAt = createdAt;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("body", body);
      m.put("body_text", body.replaceAll("<[^>]*>", ""));
      m.put("incoming", incoming);
      m.put("private", isPrivate);
      m.put("source", source);
      m.put("user_id", userId);
      m.put("created_at", createdAt.toString());
      m.put("attachments", attachments.stream().map(Attachment::json).toList());
      return m;
    }
  }

  /** A ticket. */
  public static final class Ticket {
    public final long id;
    public final long requesterId;
    public final String subject;
    public final String description;
    public volatile int status;
    public final int priority;
    public final int source;
    public final List<String> tags;
    public final Map<String, Object> customFields;
    public final List<Attachment> attachments;
    public final List<Conversation> conversations = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Instant createdAt;
    public volatile Instant updatedAt;

    Ticket(long id, long requesterId, String subject, String description, int status, int priority, int source,
        List<String> tags, Map<String, Object> customFields, List<Attachment> attachments, Instant createdAt) {
      this.id = id;
      this.requesterId = requesterId;
      this.subject = subject;
      this.description = description;
      this.status = status;
      this.priority = priority;
      this.source = source;
      this.tags = List.copyOf(tags);
      this.customFields = new ConcurrentHashMap<>(customFields);
      this.attachments = List.copyOf(attachments);
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }

    /** Bytes of every attachment on the ticket and its conversations. */
    public long attachmentBytes() {
      long n = attachments.stream().mapToLong(a -> a.bytes.length).sum();
      for (Conversation c : conversations) {
        n += c.attachments.stream().mapToLong(a -> a.bytes.length).sum();
      }
      return n;
    }

    Map<String, Object> json(boolean full) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("requester_id", requesterId);
      m.put("subject", subject);
      m.put("status", status);
      m.put("priority", priority);
      m.put("source", source);
      if (full) {
        // The documented list response (https://developers.freshdesk.com/api/#list_all_tickets) has no
        // tags; view, create and update responses do.
        m.put("tags", tags);
      }
      m.put("custom_fields", customFields);
      m.put("created_at", createdAt.toString());
      m.put("updated_at", updatedAt.toString());
      if (full) {
        m.put("description", description);
        m.put("attachments", attachments.stream().map(Attachment::json).toList());
      }
      return m;
    }
  }

  private final AtomicLong contactIds = new AtomicLong(1000);
  private final AtomicLong ticketIds = new AtomicLong(0);
  private final AtomicLong conversationIds = new AtomicLong(5000);
  private final AtomicLong attachmentIds = new AtomicLong(9000);
  private final Map<Long, Contact> contacts = new ConcurrentHashMap<>();
  private final Map<Long, Ticket> tickets = new ConcurrentHashMap<>();
  private final Map<Long, Attachment> attachments = new ConcurrentHashMap<>();
  volatile String baseUrl = "http://localhost/";

  /** Every contact. */
  public Collection<Contact> contacts() {
    return List.copyOf(contacts.values());
  }

  /** Every ticket. */
  public Collection<Ticket> tickets() {
    return List.copyOf(tickets.values());
  }

  /** A contact by id. */
  public Contact contact(long id) {
    Contact c = contacts.get(id);
    if (c == null) {
      throw new NotFound("contact " + id);
    }
    return c;
  }

  /** A ticket by id. */
  public Ticket ticket(long id) {
    Ticket t = tickets.get(id);
    if (t == null) {
      throw new NotFound("ticket " + id);
    }
    return t;
  }

  Attachment attachment(long id) {
    Attachment a = attachments.get(id);
    if (a == null) {
      throw new NotFound("attachment " + id);
    }
    return a;
  }

  /** The contact with this external id, or null. */
  public synchronized Contact contactByExternalId(String externalId) {
    return contacts.values().stream().filter(c -> externalId.equals(c.uniqueExternalId)).findFirst().orElse(null);
  }

  /** Seeds or creates a contact. */
  public synchronized Contact addContact(String name, String mobile, String externalId) {
    Contact c = new Contact(contactIds.incrementAndGet(), name, mobile, externalId);
    contacts.put(c.id, c);
    return c;
  }

  /** A file an agent attaches (for {@link FakeFreshdesk#agentReply}). */
  public Attachment newAttachment(String name, String contentType, byte[] bytes) {
    Attachment a = new Attachment(attachmentIds.incrementAndGet(), name, contentType, bytes.clone());
    a.url = baseUrl + "attachments/" + a.id;
    attachments.put(a.id, a);
    return a;
  }

  List<Attachment> uploads(List<FakeRequest.Upload> uploads) {
    List<Attachment> out = new ArrayList<>();
    for (FakeRequest.Upload u : uploads) {
      out.add(newAttachment(u.name(), u.contentType(), u.bytes()));
    }
    return out;
  }

  Ticket addTicket(long requester, String subject, String description, int status, int priority, int source,
      List<String> tags, Map<String, Object> custom, List<Attachment> files, Instant now) {
    Ticket t = new Ticket(ticketIds.incrementAndGet(), requester, subject, description, status, priority, source,
        tags, custom, files, now);
    tickets.put(t.id, t);
    return t;
  }

  Conversation addConversation(long ticketId, String body, boolean incoming, boolean isPrivate, int source,
      long userId, List<Attachment> files, Instant now) {
    Ticket t = ticket(ticketId);
    Conversation c = new Conversation(conversationIds.incrementAndGet(), body, incoming, isPrivate, source, userId,
        files, now);
    t.conversations.add(c);
    t.updatedAt = now;
    return c;
  }
}
