package io.github.whatsapphelpdesk.spi;

import io.github.whatsapphelpdesk.error.HelpdeskException;
import io.github.whatsapphelpdesk.error.WebhookVerificationException;
import io.github.whatsapphelpdesk.http.WebhookRequest;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

/**
 * The helpdesk-neutral SPI: one implementation per CRM (Zendesk, Freshdesk, the in-memory reference
 * adapter, or your own). The bridge calls it; it never calls the Cloud API.
 *
 * <p>Rules every implementation follows:
 * <ul>
 *   <li>Thread-safe. The bridge serialises calls per conversation, but different conversations run in
 *       parallel.
 *   <li>Failures are {@link HelpdeskException}s: rate limited (with retry-after), conflict, terminal
 *       ticket, validation, authentication, unavailable, not found. The bridge retries the retryable
 *       ones, so every operation must be safe to repeat after a failure (idempotency keys, dedupe on
 *       message ids).
 *   <li>Contacts are upserted by external id ({@code whatsapp:<customer id>}, see {@link #upsertContact}),
 *       never deduplicated through the helpdesk's search, which lags by minutes.
 *   <li>Customer messages are authored by the customer, never by the API user, and are public.
 *   <li>Never log message text or secrets; mask phone numbers, BSUIDs, usernames and names
 *       ({@link io.github.whatsapphelpdesk.customer.Masking}).
 * </ul>
 */
public interface HelpdeskAdapter extends AutoCloseable {

  /** A short stable id, for example {@code zendesk}, {@code freshdesk} or {@code in-memory}. */
  String id();

  /** What this helpdesk supports natively. */
  Set<AdapterCapability> capabilities();

  /**
   * Creates or updates the contact of a WhatsApp customer, keyed by its external id, and returns it.
   *
   * <p>The contract every implementation follows:
   * <ol>
   *   <li>Find the contact whose external id is {@link ContactInfo#externalId()} ({@code whatsapp:} plus
   *       the customer's stable id: a BSUID, or a wa_id for customers first known before BSUIDs).
   *   <li>Else find one by each of {@link ContactInfo#legacyExternalIds()} in order (a contact created
   *       under {@code whatsapp:<wa_id>} before the customer's BSUID was known) and move it to the new
   *       external id: the same contact is kept, never duplicated (the migration path).
   *   <li>Else create it, race-safely (a concurrent create of the same external id ends with one contact).
   * </ol>
   * Lookups use exact, indexed filters, never the helpdesk's search. Updating an existing contact never
   * overwrites a name with null or clears a phone number: the phone number is set when it becomes known
   * (or changes, after {@code user_id_update}); the profile name and username are written when given.
   * A customer without a phone number (a username user) must work: the contact is created with a name
   * ({@link ContactInfo#displayName()}) and its external id only. The returned contact's
   * {@link HelpdeskContact#customer()} is {@link ContactInfo#customerId()}. Safe to repeat.
   */
  HelpdeskContact upsertContact(ContactInfo contact);

  /**
   * Creates the ticket for a conversation episode, with the request's first message as its first
   * comment, or returns the ticket an earlier attempt with the same idempotency key created.
   */
  TicketResult findOrCreateTicket(TicketRequest request);

  /**
   * Appends a customer's message as a public comment authored by the customer. If the ticket can no
   * longer be updated and the adapter supports it, the adapter rolls over to a follow-up ticket and
   * says so in the result; otherwise it throws {@link io.github.whatsapphelpdesk.error.TerminalTicketException}.
   */
  AppendResult appendCustomerMessage(TicketHandle ticket, CustomerMessage message);

  /**
   * Whether the bridge should merge a burst of queued customer messages for this ticket into one
   * {@link #appendCustomerMessages} call, typically because the helpdesk's rate limit for the ticket or
   * the account is nearly used up. Called only when the bridge holds more than one message for the
   * ticket; must be cheap and must not call the helpdesk. Default: false (every message is appended on
   * its own).
   */
  default boolean shouldCoalesce(TicketHandle ticket) {
    return false;
  }

  /**
   * Appends several customer messages of one burst, in order. Adapters that return true from
   * {@link #shouldCoalesce} override this to write them as ONE public comment authored by the customer
   * (one ticket update instead of {@code messages.size()}); the bridge links every message id to the
   * returned comment. Rolls over and throws like {@link #appendCustomerMessage}, and like it must be safe
   * to repeat after a failure.
   *
   * <p>Default: appends the messages one by one (following a roll-over to the new ticket) and returns
   * the last result, with {@link AppendResult#rolledOver()} true if any append rolled over.
   *
   * @throws IllegalArgumentException when {@code messages} is empty
   */
  default AppendResult appendCustomerMessages(TicketHandle ticket, List<CustomerMessage> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages is empty");
    }
    TicketHandle current = ticket;
    AppendResult last = null;
    boolean rolledOver = false;
    for (CustomerMessage m : messages) {
      last = appendCustomerMessage(current, m);
      rolledOver |= last.rolledOver();
      current = last.ticket();
    }
    return new AppendResult(last.ticket(), last.commentId(), rolledOver);
  }

  /** Appends a private note for agents. */
  AppendResult appendInternalNote(TicketHandle ticket, InternalNote note);

  /**
   * Records a delivery status of a message sent for an agent's reply (a field, a tag or a note; a
   * failure always becomes a visible internal note).
   */
  void recordDeliveryStatus(TicketHandle ticket, DeliveryStatusUpdate status);

  /** Reads the ticket's current state. */
  TicketState ticketState(TicketHandle ticket);

  /**
   * Continues a conversation whose ticket is solved or terminal: reopens it where the helpdesk and the
   * adapter's policy allow, otherwise creates a follow-up or new ticket from the request. Returns the
   * ticket to use from now on.
   */
  TicketResult reopenOrFollowUp(TicketHandle ticket, TicketRequest request);

  /**
   * Authenticates a helpdesk's agent-reply webhook and returns the replies it announces, re-read from
   * the helpdesk's API where possible (the payload is only a hint). Echoes of the integration's own
   * comments and of customer messages are left out. May return an empty list.
   *
   * @throws WebhookVerificationException when the request is not authentic
   */
  List<AgentReply> parseAgentReplies(WebhookRequest request);

  /** Streams an agent's attachment into {@code out}, with the adapter's credentials. */
  void downloadAttachment(AgentAttachment attachment, OutputStream out);

  /** The largest attachment, in bytes, the helpdesk accepts on one comment. */
  default long maxAttachmentBytes() {
    return 20L * 1024 * 1024;
  }

  /** Releases what the adapter created (HTTP clients it owns). Never throws. */
  @Override
  default void close() {}
}
