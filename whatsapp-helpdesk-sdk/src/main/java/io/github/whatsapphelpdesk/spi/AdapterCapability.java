package io.github.whatsapphelpdesk.spi;

/** What a helpdesk adapter can do natively; the bridge adapts its behaviour to these flags. */
public enum AdapterCapability {
  /** Ticket creation is idempotent on the helpdesk's side (Zendesk's {@code Idempotency-Key}). */
  IDEMPOTENT_CREATE,
  /** The helpdesk signs its agent-reply webhooks (Zendesk); otherwise a shared secret is required. */
  SIGNED_WEBHOOKS,
  /** Files can be attached to comments natively (otherwise a placeholder note is written). */
  NATIVE_ATTACHMENTS,
  /** Follow-up tickets linked to a terminal one can be created (Zendesk {@code via_followup_source_id}). */
  FOLLOW_UP_TICKETS,
  /** Solved or resolved tickets can be reopened by the adapter. */
  REOPEN_TICKETS
}
