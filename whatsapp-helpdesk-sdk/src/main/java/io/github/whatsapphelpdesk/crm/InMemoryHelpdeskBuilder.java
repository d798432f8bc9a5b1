package io.github.whatsapphelpdesk.crm;

import java.time.Clock;
import java.util.Objects;

/** Configures an {@link InMemoryHelpdesk}; from {@link InMemoryHelpdesk#builder()}. Not thread-safe. */
public final class InMemoryHelpdeskBuilder {
  Clock clock = Clock.systemUTC();
  FailureInjector failures = FailureInjector.none();
  long maxAttachmentBytes = 20L * 1024 * 1024;
  boolean followUpTickets = true;
  boolean reopenSolved = true;
  byte[] webhookSecret;
  String audience = "in-memory-helpdesk";

  InMemoryHelpdeskBuilder() {}

  /** The clock for timestamps and token checks; default the system UTC clock. */
  public InMemoryHelpdeskBuilder clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** Fails a fraction of calls; default {@link FailureInjector#none()}. */
  public InMemoryHelpdeskBuilder failureInjector(FailureInjector value) {
    this.failures = Objects.requireNonNull(value, "failureInjector");
    return this;
  }

  /** The largest stored file; larger ones become a placeholder line. Default 20 MiB. */
  public InMemoryHelpdeskBuilder maxAttachmentBytes(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("maxAttachmentBytes must be >= 0");
    }
    this.maxAttachmentBytes = value;
    return this;
  }

  /**
   * True (default): a customer message on a closed ticket rolls over to a follow-up ticket. False:
   * it throws {@link io.github.whatsapphelpdesk.error.TerminalTicketException}, and {@link InMemoryHelpdesk#reopenOrFollowUp} opens an unlinked new ticket.
   */
  public InMemoryHelpdeskBuilder followUpTickets(boolean value) {
    this.followUpTickets = value;
    return this;
  }

  /** True (default): {@link InMemoryHelpdesk#reopenOrFollowUp} reopens a solved ticket instead of opening a new one. */
  public InMemoryHelpdeskBuilder reopenSolved(boolean value) {
    this.reopenSolved = value;
    return this;
  }

  /** The HS256 secret of its agent-reply webhook (at least 32 bytes); default random. */
  public InMemoryHelpdeskBuilder webhookSecret(byte[] value) {
    this.webhookSecret = Objects.requireNonNull(value, "webhookSecret").clone();
    return this;
  }

  /** The audience of its agent-reply tokens; default {@code in-memory-helpdesk}. */
  public InMemoryHelpdeskBuilder audience(String value) {
    this.audience = Objects.requireNonNull(value, "audience");
    return this;
  }

  /** Builds the helpdesk. */
  public InMemoryHelpdesk build() {
    return new InMemoryHelpdesk(this);
  }
}
