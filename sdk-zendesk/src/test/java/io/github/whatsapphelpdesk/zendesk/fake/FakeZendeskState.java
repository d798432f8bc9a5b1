package io.github.whatsapphelpdesk.zendesk.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records a {@link FakeZendesk} holds. Mutated only under the FakeZendesk's lock. */
final class FakeZendeskState {
  /** A user (end user, agent or admin). */
  static final class User {
    long id;
    String name;
    String externalId;
    String phone;
    String notes;
    String role;
  }

  /** A comment. */
  static final class Comment {
    long id;
    long authorId;
    String body;
    boolean isPublic;
    Instant createdAt;
    List<Upload> attachments = new ArrayList<>();
  }

  /** An uploaded file. */
  static final class Upload {
    long id;
    String token;
    String fileName;
    String contentType;
    byte[] content;
  }

  /** A ticket. */
  static final class Ticket {
    long id;
    String subject;
    String status = "open";
    long requesterId;
    String externalId;
    List<String> tags = new ArrayList<>();
    List<Map<String, Object>> customFields = new ArrayList<>();
    Long followupSourceId;
    List<Comment> comments = new ArrayList<>();
  }

  /** A remembered idempotent create. */
  record Idem(String bodyFingerprint, int status, String json, Instant expiresAt) {}

  final Map<Long, User> users = new LinkedHashMap<>();
  final Map<Long, Ticket> tickets = new LinkedHashMap<>();
  final Map<String, Upload> uploads = new LinkedHashMap<>();
  final Map<String, Idem> idempotency = new LinkedHashMap<>();
  final Map<String, Instant> accessTokens = new LinkedHashMap<>();
  long nextId = 1000;
  long nextComment = 50_000;
  long nextAudit = 90_000;
}
