package io.github.whatsapphelpdesk.zendesk;

import io.github.whatsapphelpdesk.error.HelpdeskConflictException;
import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException.FieldError;
import io.github.whatsapphelpdesk.error.HelpdeskValidationException;
import io.github.whatsapphelpdesk.error.SerializationException;
import io.github.whatsapphelpdesk.error.TerminalTicketException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import io.github.whatsapphelpdesk.http.internal.Json;
import io.github.whatsapphelpdesk.spi.AdapterCapability;
import io.github.whatsapphelpdesk.spi.AgentAttachment;
import io.github.whatsapphelpdesk.spi.AgentReply;
import io.github.whatsapphelpdesk.spi.AppendResult;
import io.github.whatsapphelpdesk.spi.ContactInfo;
import io.github.whatsapphelpdesk.spi.CustomerMessage;
import io.github.whatsapphelpdesk.spi.DeliveryStatusUpdate;
import io.github.whatsapphelpdesk.spi.HelpdeskAdapter;
import io.github.whatsapphelpdesk.spi.HelpdeskContact;
import io.github.whatsapphelpdesk.spi.InternalNote;
import io.github.whatsapphelpdesk.spi.TicketHandle;
import io.github.whatsapphelpdesk.spi.TicketRequest;
import io.github.whatsapphelpdesk.spi.TicketResult;
import io.github.whatsapphelpdesk.spi.TicketState;
import io.github.whatsapphelpdesk.zendesk.internal.AgentReplyReader;
import io.github.whatsapphelpdesk.zendesk.internal.Bodies;
import io.github.whatsapphelpdesk.zendesk.internal.RateLimits;
import io.github.whatsapphelpdesk.zendesk.internal.TicketWriter;
import io.github.whatsapphelpdesk.zendesk.internal.TokenManager;
import io.github.whatsapphelpdesk.zendesk.internal.Users;
import io.github.whatsapphelpdesk.zendesk.internal.ZendeskErrors;
import io.github.whatsapphelpdesk.zendesk.internal.ZendeskHttp;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zendesk Support implementation of {@link HelpdeskAdapter}, on OkHttp and Moshi (no Netty).
 *
 * <p>Contacts are upserted with {@code POST /api/v2/users/create_or_update} keyed by
 * {@code external_id = whatsapp:<customer id>} (a BSUID, or a wa_id for customers known before BSUIDs; users
 * under a legacy {@code whatsapp:<wa_id>} are moved to it); tickets are created with an {@code Idempotency-Key}; customer
 * messages become public comments authored by the requester; closed tickets and the comment cap roll
 * over to follow-up tickets; agent replies arrive through a signed trigger webhook and are re-read from
 * the API. See {@code docs/zendesk.md} for the Zendesk-side setup. Thread-safe.
 *
 * <p><b>Merging bursts.</b> Close to a rate limit ({@link #shouldCoalesce}), callers holding several
 * queued messages for one ticket pass them to {@link #appendCustomerMessages}, which writes them as one
 * comment (one ticket update instead of many).
 */
public final class ZendeskAdapter implements HelpdeskAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ZendeskAdapter.class);

  private final ZendeskConfig config;
  private final OkHttpClient ok;
  private final ZendeskHttp http;
  private final TicketWriter writer;
  private final Users users;
  private final AgentReplyReader replies;
  private final ZendeskWebhookVerifier verifier;
  private final AtomicLong integrationUserId = new AtomicLong(0);

  private ZendeskAdapter(ZendeskConfig config) {
    this.config = config;
    this.ok = new OkHttpClient.Builder()
        .connectTimeout(config.timeouts().connect().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.timeouts().read().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.timeouts().call().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(true)
        .build();
    ZendeskLimits l = config.limits();
    RateLimits limits = new RateLimits(config.clock(), l.requestsPerMinute(), l.ticketUpdatesPerMinute(),
        l.updatesPerTicketPer10Minutes(), l.coalesceBelowFraction(), config.accountBudgetReserve());
    this.http = new ZendeskHttp(config, ok, new TokenManager(config, ok), limits);
    this.writer = new TicketWriter(config, http);
    this.users = new Users(http);
    this.replies = new AgentReplyReader(http, this::integrationUserId, config.clock(), config.agentReplyLookback());
    this.verifier = config.webhookSecrets().isEmpty() ? null
        : new ZendeskWebhookVerifier(config.webhookSecrets(), config.webhookTolerance(), config.clock());
    if (config.integrationUserId() != null) {
      integrationUserId.set(config.integrationUserId());
    }
  }

  /** Creates an adapter; it owns an HTTP client released by {@link #close()}. */
  public static ZendeskAdapter create(ZendeskConfig config) {
    return new ZendeskAdapter(Objects.requireNonNull(config, "config"));
  }

  /** The configuration. */
  public ZendeskConfig config() {
    return config;
  }

  @Override
  public String id() {
    return ZendeskErrors.ID;
  }

  @Override
  public Set<AdapterCapability> capabilities() {
    return EnumSet.of(AdapterCapability.IDEMPOTENT_CREATE, AdapterCapability.SIGNED_WEBHOOKS,
        AdapterCapability.NATIVE_ATTACHMENTS, AdapterCapability.FOLLOW_UP_TICKETS, AdapterCapability.REOPEN_TICKETS);
  }

  /**
   * Upserts the customer's Zendesk end user by {@code external_id = whatsapp:<customer id>}, following
   * {@link HelpdeskAdapter#upsertContact}: a direct lookup ({@code GET /api/v2/users/show_many?external_ids=},
   * never search) of the external id and the legacy ones; a legacy user is moved to the new external id
   * with {@code PUT /api/v2/users/{id}}; otherwise {@code POST /api/v2/users/create_or_update}. Without a
   * profile name an existing user's name is kept; a new user gets {@link ContactInfo#displayName()}. A known
   * phone number is written, an unknown one never cleared; the username is kept as a line of the user's
   * {@code notes} (see {@code docs/zendesk.md}).
   */
  @Override
  public HelpdeskContact upsertContact(ContactInfo contact) {
    Objects.requireNonNull(contact, "contact");
    return users.upsert(contact);
  }

  @Override
  public TicketResult findOrCreateTicket(TicketRequest request) {
    return writer.create(request, null);
  }

  @Override
  public AppendResult appendCustomerMessage(TicketHandle ticket, CustomerMessage message) {
    return writer.appendCustomer(ticket, List.of(message));
  }

  /**
   * Appends several customer messages (a burst, in order) as ONE public comment authored by the
   * requester: one ticket update instead of {@code messages.size()}. Texts are separated by blank lines
   * and all attachments are uploaded onto the single comment. Rolls over like
   * {@link #appendCustomerMessage}.
   *
   * @throws IllegalArgumentException when {@code messages} is empty
   */
  @Override
  public AppendResult appendCustomerMessages(TicketHandle ticket, List<CustomerMessage> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages is empty");
    }
    return writer.appendCustomer(ticket, List.copyOf(messages));
  }

  /**
   * True when the account budget, the account's ticket-update budget or this ticket's update budget has
   * less than {@link ZendeskLimits#coalesceBelowFraction()} left: callers should then batch queued
   * messages for the ticket into {@link #appendCustomerMessages}.
   */
  @Override
  public boolean shouldCoalesce(TicketHandle ticket) {
    return http.limits().nearLimit(ticket.ticketId());
  }

  @Override
  public AppendResult appendInternalNote(TicketHandle ticket, InternalNote note) {
    return writer.appendNote(ticket, note.text());
  }

  /**
   * Writes a {@code FAILED} status as a private note for the agents; other statuses are not written
   * (each would cost a ticket update from a 30-per-10-minutes budget).
   */
  @Override
  public void recordDeliveryStatus(TicketHandle ticket, DeliveryStatusUpdate status) {
    if (status.status() != DeliveryStatusUpdate.Status.FAILED) {
      LOG.debug("Zendesk ticket {}: delivery status {} not recorded", ticket.ticketId(), status.status());
      return;
    }
    StringBuilder sb = new StringBuilder("WhatsApp could not deliver ");
    sb.append(status.replyId() != null ? "reply " + status.replyId() : "a reply").append(" (message ")
        .append(status.wamid()).append(')');
    if (status.errorCode() != null) {
      sb.append(", error ").append(status.errorCode());
    }
    if (status.errorDescription() != null) {
      sb.append(": ").append(status.errorDescription());
    }
    try {
      writer.appendNote(ticket, sb.toString());
    } catch (TerminalTicketException e) {
      LOG.debug("Zendesk ticket {} is closed; delivery failure not recorded", ticket.ticketId());
    }
  }

  @Override
  public TicketState ticketState(TicketHandle ticket) {
    return writer.state(ticket.ticketId());
  }

  @Override
  public TicketResult reopenOrFollowUp(TicketHandle ticket, TicketRequest request) {
    TicketState state = writer.state(ticket.ticketId());
    if (state == TicketState.TERMINAL) {
      return writer.create(request, Long.parseLong(ticket.ticketId()));
    }
    try {
      AppendResult r = writer.appendCustomerWithStatus(ticket, List.of(request.firstMessage()),
          state == TicketState.SOLVED ? "open" : null);
      return new TicketResult(r.ticket(), r.rolledOver(), r.commentId());
    } catch (TerminalTicketException e) {
      return writer.create(request, Long.parseLong(ticket.ticketId()));
    }
  }

  /**
   * Verifies the trigger webhook's signature, then re-reads the ticket's comments and returns the public
   * agent comment it announces (never the integration's own or the customer's comments).
   *
   * @throws WebhookVerificationException when the request is not authentic or no secret is configured
   */
  @Override
  public List<AgentReply> parseAgentReplies(WebhookRequest request) {
    if (verifier == null) {
      throw new WebhookVerificationException(WebhookVerificationException.Reason.INVALID_CREDENTIALS,
          "no Zendesk webhook signing secret configured");
    }
    verifier.verify(request);
    Map<String, Object> payload;
    try {
      payload = Json.readObjectOrEmpty(request.bodyAsString());
    } catch (SerializationException e) {
      throw new HelpdeskValidationException(id(), 0, "agent-reply webhook body is not JSON",
          List.of(new FieldError(null, "invalid_json", "body must be the JSON template from docs/zendesk.md")));
    }
    return replies.read(payload);
  }

  /**
   * Streams an agent's attachment into {@code out}.
   *
   * @throws AttachmentTooLargeException when it is larger than {@link ZendeskConfig#maxDownloadBytes()}
   *     (declared or while streaming; in the latter case {@code out} holds an incomplete prefix)
   */
  @Override
  public void downloadAttachment(AgentAttachment attachment, OutputStream out) {
    http.download(attachment.url(), attachment.filename(), attachment.sizeBytes(), out);
  }

  @Override
  public long maxAttachmentBytes() {
    return config.maxAttachmentBytes();
  }

  private long integrationUserId() {
    long id = integrationUserId.get();
    if (id != 0) {
      return id;
    }
    ZendeskHttp.Answer a = http.send("current user", http.request("/api/v2/users/me").get().build(), null);
    Long me = Json.lng(Json.obj(a.body(), "user"), "id");
    if (me == null) {
      throw new HelpdeskConflictException(id(), a.status(), "users/me answered without an id");
    }
    integrationUserId.set(me);
    return me;
  }

  @Override
  public void close() {
    ok.dispatcher().executorService().shutdown();
    ok.connectionPool().evictAll();
  }
}
