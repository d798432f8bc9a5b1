package io.github.whatsapphelpdesk.freshdesk.internal;

/** Freshdesk's rate-limit classes: each call counts against the account total and maybe one sub-limit. */
public enum EndpointClass {
  /** POST /tickets. */
  TICKET_CREATE,
  /** PUT /tickets/{id}, notes and replies (Freshdesk's docs do not say whether notes count as updates; we assume so). */
  TICKET_UPDATE,
  /** GET /tickets and /tickets/{id}/conversations. */
  TICKETS_LIST,
  /** GET /contacts. */
  CONTACTS_LIST,
  /** Everything else: only the account total. */
  OTHER
}
