-- whatsapp-helpdesk-sdk schema, version 2: customers, suppression, conversations.
-- Flyway-compatible name; the SDK's JdbcMigrations runs the same file. See docs/persistence.md.

-- CustomerDirectory: one row per customer under its stable id (a BSUID or a canonical wa_id).
CREATE TABLE wh_customer (
  id            text        PRIMARY KEY,
  bsuid         text,
  parent_bsuid  text,
  phone         text,
  username      text,
  profile_name  text,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL
);
-- Retention: customers not seen for the configured time are purged (optional, see JdbcRetention).
CREATE INDEX wh_customer_last_seen_at ON wh_customer (last_seen_at);

-- Every identifier WhatsApp revealed for a customer: kind 'b' = a BSUID (current or earlier),
-- kind 'p' = a phone number (canonical wa_id; it belongs to one customer at a time).
CREATE TABLE wh_customer_alias (
  kind         char(1) NOT NULL CHECK (kind IN ('b', 'p')),
  value        text    NOT NULL,
  customer_id  text    NOT NULL REFERENCES wh_customer (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value)
);
-- Erasure and the cascade find a customer's aliases by this index.
CREATE INDEX wh_customer_alias_customer_id ON wh_customer_alias (customer_id);

-- SuppressionList: customers who stopped marketing messages. A consent record: never purged unless
-- the operator sets a retention.
CREATE TABLE wh_suppression (
  customer_id    text        PRIMARY KEY,
  reason         text,
  suppressed_at  timestamptz NOT NULL
);
CREATE INDEX wh_suppression_suppressed_at ON wh_suppression (suppressed_at);

-- ConversationStore: conversation episode -> ticket. The primary key makes one ticket per episode.
CREATE TABLE wh_conversation (
  phone_number_id  text        NOT NULL,
  customer_id      text        NOT NULL,
  episode          bigint      NOT NULL,
  ticket_id        text        NOT NULL,
  bound_at         timestamptz NOT NULL,
  PRIMARY KEY (phone_number_id, customer_id, episode)
);
CREATE INDEX wh_conversation_bound_at ON wh_conversation (bound_at);

-- ticket -> conversation episode (a ticket replaced by a rollover keeps its row).
CREATE TABLE wh_ticket (
  ticket_id        text        PRIMARY KEY,
  phone_number_id  text        NOT NULL,
  customer_id      text        NOT NULL,
  episode          bigint      NOT NULL,
  mapped_at        timestamptz NOT NULL
);
CREATE INDEX wh_ticket_mapped_at ON wh_ticket (mapped_at);

-- The customer's current episode per business number (absent = episode 1).
CREATE TABLE wh_episode (
  phone_number_id  text        NOT NULL,
  customer_id      text        NOT NULL,
  episode          bigint      NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (phone_number_id, customer_id)
);
CREATE INDEX wh_episode_updated_at ON wh_episode (updated_at);

-- wamid <-> helpdesk item (the comment holding a customer message, or the agent reply sent).
CREATE TABLE wh_message_link (
  wamid      text        PRIMARY KEY,
  ticket_id  text        NOT NULL,
  item_id    text        NOT NULL,
  direction  text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
  linked_at  timestamptz NOT NULL,
  seq        bigint      GENERATED ALWAYS AS IDENTITY
);
-- wamidForItem: the first link recorded for (ticket, item).
CREATE INDEX wh_message_link_item ON wh_message_link (ticket_id, item_id, seq);
-- Retention, and "is this ticket still active" when conversations are purged.
CREATE INDEX wh_message_link_ticket_linked_at ON wh_message_link (ticket_id, linked_at);
CREATE INDEX wh_message_link_linked_at ON wh_message_link (linked_at);

-- Agent replies, claimed once so each is sent once.
CREATE TABLE wh_agent_reply (
  reply_id         text        PRIMARY KEY,
  ticket_id        text        NOT NULL,
  state            text        NOT NULL CHECK (state IN ('CLAIMED', 'SENT')),
  outbox_entry_id  text,
  wamid            text,
  claimed_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  CHECK (state = 'CLAIMED' OR wamid IS NOT NULL)
);
CREATE INDEX wh_agent_reply_claimed_at ON wh_agent_reply (claimed_at);
