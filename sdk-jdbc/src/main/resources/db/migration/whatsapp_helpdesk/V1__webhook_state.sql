-- whatsapp-helpdesk-sdk schema, version 1: webhook state shared by every instance.
-- Flyway-compatible name; the SDK's JdbcMigrations runs the same file. See docs/persistence.md.
-- Every timestamp is written from the SDK's injected java.time.Clock, never from now().

-- IdempotencyStore: one row per claimed webhook item. A claim holds while expires_at > the caller's now.
CREATE TABLE wh_idempotency (
  key         text        PRIMARY KEY,
  claimed_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
-- Retention: the purge deletes by expires_at.
CREATE INDEX wh_idempotency_expires_at ON wh_idempotency (expires_at);

-- StatusStore: the latest delivery status per outbound message (wamid).
-- prev_status is the status before the row's last write, so one INSERT ... ON CONFLICT DO UPDATE
-- ... RETURNING can report the previous status (PostgreSQL 15 has no RETURNING OLD).
CREATE TABLE wh_status (
  wamid        text        PRIMARY KEY,
  status       text        NOT NULL CHECK (status IN ('SENT', 'DELIVERED', 'READ', 'PLAYED', 'FAILED')),
  status_rank  smallint    NOT NULL,
  prev_status  text,
  updated_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX wh_status_expires_at ON wh_status (expires_at);

-- TokenReplayStore: accepted JWT ids (jti) until their token expires.
CREATE TABLE wh_token_replay (
  token_id    text        PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX wh_token_replay_expires_at ON wh_token_replay (expires_at);
